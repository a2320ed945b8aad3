/**
 * Small pure helpers of the console store: when a conversation asks for attention, how a newer
 * view merges with the held one, and copy-on-write updates of the state's maps.
 */
import type { EventFrameT, StaffConversationViewT } from "../../shared/protocol";
import type { ConsoleState, ConversationEntry, OperatorChatLine } from "./console.model";

/** A conversation appearing in my list asks for attention when it waits for someone or was given to me. */
export function needsAttention(view: StaffConversationViewT, me: string | null): boolean {
  if (view.state === "waiting" || view.state === "pending") return true;
  return view.state === "active" && view.operatorId !== null && view.operatorId === me;
}

/** A newer view never moves read marks or seq backwards (frames may cross on the wire). */
export function mergeView(old: StaffConversationViewT, next: StaffConversationViewT): StaffConversationViewT {
  return {
    ...next,
    lastSeq: Math.max(old.lastSeq, next.lastSeq),
    visitorReadSeq: Math.max(old.visitorReadSeq, next.visitorReadSeq),
    operatorReadSeq: Math.max(old.operatorReadSeq, next.operatorReadSeq),
  };
}

export function withEntry(map: ReadonlyMap<string, ConversationEntry>, id: string, entry: ConversationEntry): Map<string, ConversationEntry> {
  const next = new Map(map);
  next.set(id, entry);
  return next;
}

export function withLine(chats: ReadonlyMap<string, readonly OperatorChatLine[]>, other: string, line: OperatorChatLine): Map<string, readonly OperatorChatLine[]> {
  const next = new Map(chats);
  next.set(other, [...(chats.get(other) ?? []), line].slice(-500));
  return next;
}

/**
 * Whether an event frame is a visitor's new message in a conversation assigned to me: one the
 * console has not seen yet (beyond the view's last seq and my read mark), so the snapshot's
 * history at sign-in and the replay after a reconnection never ring for old messages. A
 * conversation still flashing as new has rung already: its further lines only add to its unread.
 */
export function isNewVisitorMessageForMe(known: ConversationEntry, frame: EventFrameT, me: string | null): boolean {
  if (frame.event.type !== "message" || frame.event.sender.kind !== "visitor") return false;
  if (me === null || known.view.operatorId !== me || known.view.state !== "active" || known.attention) return false;
  return frame.seq !== undefined && frame.seq > known.view.lastSeq && frame.seq > known.view.operatorReadSeq;
}

/**
 * The state without a conversation that no longer exists (`conversation.removed`: its visitor was
 * erased): its tab and list item, the selection if it was open, and any help request or transfer
 * offer about it, so nothing in the console can still point at it. Null when nothing refers to it.
 */
export function withoutConversation(state: ConsoleState, conversationId: string): Partial<ConsoleState> | null {
  const offers = [...state.offers.values()].filter((o) => o.conversation.id === conversationId);
  if (!state.conversations.has(conversationId) && !state.assistance.has(conversationId) && offers.length === 0) return null;
  const conversations = new Map(state.conversations);
  conversations.delete(conversationId);
  const assistance = new Map(state.assistance);
  assistance.delete(conversationId);
  const remainingOffers = new Map(state.offers);
  for (const offer of offers) remainingOffers.delete(offer.transferId);
  return { conversations, assistance, offers: remainingOffers, selectedId: state.selectedId === conversationId ? null : state.selectedId };
}
