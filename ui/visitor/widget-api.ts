/**
 * `window.Parley`: the small JavaScript API sites script the widget with. It exists from the moment
 * /widget.js runs, before the chat app is downloaded: `open()` loads the app first, listeners
 * registered early receive later events, and `setUser` is remembered until the app can apply it.
 */
import { cleanFields, type VisitorUser } from "./embed-options";
import type { WidgetApp, WidgetEventMap, WidgetEventName } from "./widget.contract";

type Listener<K extends WidgetEventName> = (detail: WidgetEventMap[K]) => void;

/** Listeners by event; a listener that throws never breaks the widget or the other listeners. */
export class WidgetEvents {
  private readonly listeners = new Map<WidgetEventName, Set<Listener<any>>>();

  on<K extends WidgetEventName>(event: K, listener: Listener<K>): () => void {
    if (typeof listener !== "function") return () => {};
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => this.off(event, listener);
  }

  off<K extends WidgetEventName>(event: K, listener: Listener<K>): void {
    this.listeners.get(event)?.delete(listener);
  }

  emit<K extends WidgetEventName>(event: K, detail: WidgetEventMap[K]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      try {
        listener(detail);
      } catch (error) {
        console.error(`Parley: a "${event}" listener threw`, error);
      }
    }
  }
}

/** The public API object. */
export interface ParleyApi {
  open(): void;
  close(): void;
  toggle(): void;
  isOpen(): boolean;
  /** Operator messages, file requests and questionnaires the visitor has not seen yet. */
  unread(): number;
  /**
   * Name/e-mail prefill, identity verification (`userId` + `userHash` from the site's server) and
   * profile fields (`fields: {id: value}`, merged into earlier ones; "" or null removes one).
   */
  setUser(user: VisitorUser): void;
  on<K extends WidgetEventName>(event: K, listener: Listener<K>): () => void;
  off<K extends WidgetEventName>(event: K, listener: Listener<K>): void;
}

/** What the API drives: the app once loaded, and how to load it. */
export interface ApiBackend {
  app(): WidgetApp | null;
  /** Loads the app (once) and resolves with it; rejects if it cannot be loaded. */
  load(): Promise<WidgetApp>;
  /** Remembers the user for when the app loads (fields merged, see `mergeUser`). */
  rememberUser(user: VisitorUser): void;
}

/** Builds `window.Parley`. */
export function createParleyApi(backend: ApiBackend, events: WidgetEvents): ParleyApi {
  const api: ParleyApi = {
    open: () => void backend.load().then((app) => app.open(), () => {}),
    close: () => backend.app()?.close(),
    toggle: () => (api.isOpen() ? api.close() : api.open()),
    isOpen: () => backend.app()?.isOpen() ?? false,
    unread: () => backend.app()?.unread() ?? 0,
    setUser(user) {
      if (!user || typeof user !== "object") return;
      const clean: Record<string, unknown> = {};
      for (const key of ["name", "email", "userId", "userHash"] as const) {
        const value = (user as Record<string, unknown>)[key];
        if (typeof value === "string" && value.trim()) clean[key] = value.trim();
      }
      if ("fields" in user) clean.fields = cleanFields(user.fields, console.warn);
      backend.rememberUser(clean);
      backend.app()?.setUser(clean);
    },
    on: (event, listener) => events.on(event, listener),
    off: (event, listener) => events.off(event, listener),
  };
  return api;
}

/**
 * Replays calls a site queued before widget.js ran, written as `window.Parley = [["setUser", {…}], ["open"]]`
 * (what the documented async snippet does). Unknown methods are ignored with a warning.
 */
export function replayQueuedCalls(queued: unknown, api: ParleyApi): void {
  if (!Array.isArray(queued)) return;
  for (const call of queued) {
    if (!Array.isArray(call) || typeof call[0] !== "string") continue;
    const [method, ...args] = call as [string, ...unknown[]];
    const fn = (api as unknown as Record<string, unknown>)[method];
    if (typeof fn === "function" && method !== "off") (fn as (...a: unknown[]) => unknown)(...args);
    else console.warn(`Parley: unknown queued call "${method}"`);
  }
}
