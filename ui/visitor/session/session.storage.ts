/**
 * What the widget remembers on the visitor's device, in the host page's localStorage under one key
 * per Parley server: the visitor token, the open conversation, what the visitor has seen, messages
 * still waiting to be sent, and whether the panel was open. This is what makes the chat survive
 * navigation and reload. Storage may be unavailable (privacy modes, blocked third-party storage):
 * the widget then keeps the same record in memory and still works for the page's lifetime.
 */
import type { VisitorCommand } from "../../shared/protocol";
import type { QuestionnaireDismissals } from "../chat/questionnaire-offers";

/** The persisted record. Every field is optional: an absent one means "nothing remembered". */
export interface StoredSession {
  readonly token?: string;
  readonly visitorId?: string;
  readonly conversationId?: string;
  /** Highest seq the visitor has seen on screen (unread counting across reloads). */
  readonly seenSeq?: number;
  /** Highest seq the site was told about through `Parley.on` (no repeat after a reload). */
  readonly notifiedSeq?: number;
  /** Commands not yet acknowledged (offline queue), in order. */
  readonly outbox?: readonly VisitorCommand[];
  /** The panel was open (reopen it on the next page). */
  readonly open?: boolean;
  /** The server's brand colour, so the launcher is drawn in it before the config arrives. */
  readonly color?: string;
  /** An unsent draft. */
  readonly draft?: string;
  /** The conversation whose end-of-chat questionnaire was answered or skipped. */
  readonly questionnaireDone?: string;
  /** Questionnaires offered during the chat that the visitor closed without answering (they stay closed after a reload). */
  readonly dismissedQuestionnaires?: QuestionnaireDismissals;
  /** Name and e-mail the visitor gave in the pre-chat form, to prefill the offline form if nobody answers. */
  readonly contact?: { readonly name?: string; readonly email?: string };
}

/** Minimal Storage (localStorage, or a fake in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The storage key for a Parley server origin. */
export const storageKey = (server: string) => `parley:v1:${server}`;

/** Reads and writes the record for one server, tolerating broken or unavailable storage. */
export class SessionStorage {
  private memory: StoredSession;

  constructor(
    private readonly server: string,
    private readonly storage: KeyValueStorage | null = defaultStorage(),
  ) {
    this.memory = this.read();
  }

  /** The current record. */
  get(): StoredSession {
    return this.memory;
  }

  /** Merges `patch` into the record (undefined values remove their key) and saves it. */
  update(patch: Partial<Record<keyof StoredSession, unknown>>): StoredSession {
    const next: Record<string, unknown> = { ...this.memory };
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) delete next[key];
      else next[key] = value;
    }
    this.memory = next as StoredSession;
    try {
      this.storage?.setItem(storageKey(this.server), JSON.stringify(this.memory));
    } catch {
      /* quota exceeded or storage blocked: the in-memory copy still serves this page */
    }
    return this.memory;
  }

  /** Forgets the conversation (ended and dismissed), keeping the visitor identity. */
  forgetConversation(): void {
    this.update({ conversationId: undefined, seenSeq: undefined, notifiedSeq: undefined, outbox: undefined, draft: undefined, questionnaireDone: undefined, dismissedQuestionnaires: undefined });
  }

  private read(): StoredSession {
    return readStoredSession(this.server, this.storage);
  }
}

/** The record for a server, read once (the loader's cheap way to know if a chat is going on). */
export function readStoredSession(server: string, storage: KeyValueStorage | null = defaultStorage()): StoredSession {
  try {
    const raw = storage?.getItem(storageKey(server));
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as StoredSession) : {};
  } catch {
    return {};
  }
}

function defaultStorage(): KeyValueStorage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}
