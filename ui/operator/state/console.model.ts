/**
 * The console's picture of the world, as built from server frames. Plain data, no DOM: the store
 * (console.store.ts) owns it and the components only read it, so every rule about what the
 * operator sees (unread, waiting since, transferred by whom) is testable without a browser.
 */
import type { Static } from "@sinclair/typebox";
import type {
  EventFrameT,
  OperatorRef,
  OperatorSnapshotFrameT,
  PresenceFrameT,
  StaffConversationViewT,
} from "../../shared/protocol";

/** An operator as events name them. */
export type OperatorRefT = Static<typeof OperatorRef>;
/** The signed-in operator as the socket snapshot describes them. */
export type Me = OperatorSnapshotFrameT["operator"];
/** One operator of the presence list. */
export type OperatorPresence = PresenceFrameT["operators"][number];

/** Who handed a conversation to me, and what they wrote for me. */
export interface TransferMark {
  readonly from: OperatorRefT | null;
  readonly message: string | null;
  readonly automatic: boolean;
  readonly at: number;
}

/** A message I sent that the server has not acknowledged yet (or refused). */
export interface PendingMessage {
  readonly clientId: string;
  readonly kind: "message" | "note";
  readonly text: string;
  readonly at: number;
  /** Set when the server refused it: the composer offers to retry. */
  readonly error: string | null;
  /** The seq the server acknowledged it with; shown as sent until its event arrives (if it ever does: not when I no longer follow the conversation). */
  readonly ackedSeq?: number;
}

/** One conversation of the console: the server's view plus what the console derives from events. */
export interface ConversationEntry {
  readonly view: StaffConversationViewT;
  /** Persisted events in seq order, each seq once. */
  readonly events: readonly EventFrameT[];
  readonly visitorTyping: boolean;
  /** Set when the conversation reached me by transfer; shown as an arrow and a line in the list. */
  readonly transfer: TransferMark | null;
  /** A new conversation I have not opened yet: its tab flashes. */
  readonly attention: boolean;
  /** Lowest seq the console holds; older history is fetched on demand. */
  readonly historyFrom: number;
  readonly pending: readonly PendingMessage[];
}

/** A transfer offered to me (`/t` by a colleague), waiting for `/a` or a decline. */
export interface TransferOffer {
  readonly transferId: string;
  readonly conversation: StaffConversationViewT;
  readonly from: OperatorRefT;
  readonly message: string | null;
  readonly expiresAt: number | null;
}

/** An operator asking the managers for help on a conversation (shown to managers). */
export interface AssistanceRequest {
  readonly conversationId: string;
  readonly from: OperatorRefT;
  readonly message: string | null;
  readonly at: number;
}

/** One line of operator-to-operator chat. */
export interface OperatorChatLine {
  readonly id: string;
  readonly fromId: string;
  readonly fromName: string;
  readonly text: string;
  readonly at: number;
  readonly mine: boolean;
}

/** State of the realtime connection, shown in the header. */
export type ConnectionState = "connecting" | "online" | "reconnecting" | "offline";

/** The whole console state. */
export interface ConsoleState {
  readonly me: Me | null;
  readonly connection: ConnectionState;
  readonly conversations: ReadonlyMap<string, ConversationEntry>;
  readonly queueCount: number;
  /** Every operator when the list is permitted, else only me. */
  readonly operators: ReadonlyMap<string, OperatorPresence>;
  readonly offers: ReadonlyMap<string, TransferOffer>;
  /** Help requests from operators, by conversation (managers only receive them). */
  readonly assistance: ReadonlyMap<string, AssistanceRequest>;
  /** Operator chat threads by the other operator's id. */
  readonly chats: ReadonlyMap<string, readonly OperatorChatLine[]>;
  /** Unread operator-chat lines by the other operator's id. */
  readonly chatUnread: ReadonlyMap<string, number>;
  /** Unhandled offline messages in my scope (the header's badge), as last counted. */
  readonly offlineUnhandled: number;
  readonly selectedId: string | null;
}

/** A fresh, empty state. */
export function emptyState(): ConsoleState {
  return {
    me: null,
    connection: "connecting",
    conversations: new Map(),
    queueCount: 0,
    operators: new Map(),
    offers: new Map(),
    assistance: new Map(),
    chats: new Map(),
    chatUnread: new Map(),
    offlineUnhandled: 0,
    selectedId: null,
  };
}
