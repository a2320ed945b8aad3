/**
 * The contract between the loader (`/widget.js`, tiny, no Lit) and the lazily loaded chat app: what
 * the loader hands over (options, the shadow root, the launcher, the event emitter) and what the app
 * gives back. Type-only, so neither side bundles the other.
 */
import type { EmbedOptions, VisitorUser } from "./embed-options";
import type { SessionStorage } from "./session/session.storage";

/** Events a site can listen to with `Parley.on(name, callback)`, and what each callback receives. */
export interface WidgetEventMap {
  /** The chat app has loaded and talks to the server. */
  ready: { readonly language: string };
  open: Record<string, never>;
  close: Record<string, never>;
  /** A new message in the conversation (not replayed history). */
  message: { readonly from: "visitor" | "operator" | "system"; readonly text: string; readonly name?: string; readonly at: number };
  /** The number of things the visitor has not seen (operator messages, file requests, questionnaires) changed. */
  unread: { readonly count: number };
  "conversation.started": { readonly conversationId: string };
  "conversation.ended": { readonly conversationId: string; readonly reason: string };
}
/** A name of {@link WidgetEventMap}. */
export type WidgetEventName = keyof WidgetEventMap;

/** The plain-DOM launcher button the loader draws before the app exists. */
export interface LauncherControl {
  readonly element: HTMLButtonElement;
  setOpen(open: boolean): void;
  setUnread(count: number): void;
  setBusy(busy: boolean): void;
  /** Replaces the loader's built-in strings with the app's localized ones. */
  setLabels(labels: { readonly open: string; readonly close: string; readonly unread: (count: number) => string }): void;
  setHidden(hidden: boolean): void;
  /** Re-colours it (the server's configured colour arrived). */
  setColor(color: string): void;
}

/** What the loader hands to the app. */
export interface WidgetHost {
  readonly options: EmbedOptions;
  readonly root: ShadowRoot;
  readonly launcher: LauncherControl;
  /** Tells the site (Parley.on listeners). */
  emit<K extends WidgetEventName>(event: K, detail: WidgetEventMap[K]): void;
  /** The visitor's user data: the snippet's, updated by `Parley.setUser`. */
  readonly user: VisitorUser;
  /** What the widget remembers on this device (shared with the loader, which reads it first). */
  readonly storage: SessionStorage;
  /** Brand custom properties for a colour (AA-safe text on it and of it); lives in the loader so the app does not ship it twice. */
  brandColors(primary: string): Record<string, string>;
}

/** What the app exposes back to the loader, behind `window.Parley`. */
export interface WidgetApp {
  open(): void;
  close(): void;
  isOpen(): boolean;
  unread(): number;
  setUser(user: VisitorUser): void;
}

/** The app chunk's export: mounts the chat into the loader's shadow root. */
export type MountWidget = (host: WidgetHost) => Promise<WidgetApp>;
