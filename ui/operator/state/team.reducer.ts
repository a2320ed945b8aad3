/**
 * How the team side of the console state changes with server frames: the presence list (a full
 * list or the colleagues who changed) with my own status, and the operator-chat threads with their
 * unread counts. Pure, like conversation.reducer.ts: the store applies the patch and raises alerts.
 */
import type { OperatorServerFrameT } from "../../shared/protocol";
import type { ConsoleState, OperatorChatLine, OperatorPresence } from "./console.model";
import { withLine } from "./store.helpers";

type PresenceFrame = Extract<OperatorServerFrameT, { type: "presence" }>;
type ChatFrame = Extract<OperatorServerFrameT, { type: "op.message" }>;

/** The presence list after `frame` — a full list replaces everyone but me — and my status and capacity with it. */
export function presencePatch(state: ConsoleState, frame: PresenceFrame): Pick<ConsoleState, "operators" | "me"> {
  const operators = frame.full ? new Map<string, OperatorPresence>() : new Map(state.operators);
  if (frame.full) {
    const meId = state.me?.id;
    const self = meId ? state.operators.get(meId) : undefined;
    if (self) operators.set(self.id, self);
  }
  for (const op of frame.operators) operators.set(op.id, op);
  const me = state.me;
  const mine = me ? frame.operators.find((op) => op.id === me.id) : undefined;
  const capacity = mine ? { capacity: mine.capacity, maxCapacity: mine.maxCapacity ?? me?.maxCapacity } : {};
  return { operators, me: mine && me ? { ...me, status: mine.status, ...capacity } : me };
}

/**
 * The chat threads after a line: a colleague's counts as unread, mine (from another tab of mine) does
 * not. Null when the thread already holds it (frames may arrive twice after a reconnection).
 */
export function chatPatch(state: ConsoleState, frame: ChatFrame): { readonly patch: Pick<ConsoleState, "chats" | "chatUnread">; readonly line: OperatorChatLine } | null {
  const mine = frame.from.id === state.me?.id;
  const other = mine ? frame.to : frame.from.id;
  const line: OperatorChatLine = { id: frame.id, fromId: frame.from.id, fromName: frame.from.name, text: frame.text, at: frame.at, mine };
  if (state.chats.get(other)?.some((l) => l.id === line.id)) return null;
  const chatUnread = new Map(state.chatUnread);
  if (!mine) chatUnread.set(other, (chatUnread.get(other) ?? 0) + 1);
  return { patch: { chats: withLine(state.chats, other, line), chatUnread }, line };
}
