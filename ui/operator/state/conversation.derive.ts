/**
 * What the console reads off a conversation's events: is it unread, since when has the visitor
 * been waiting for an answer, what to show as its preview line. Pure functions of an entry, so
 * the list, the tabs and the tests agree on one definition.
 */
import type { EventFrameT, MessageEventT } from "../../shared/protocol";
import type { ConversationEntry } from "./console.model";

type MessageFrame = EventFrameT & { event: MessageEventT };

/** The message events of a conversation, oldest first. */
export function messagesOf(entry: ConversationEntry): MessageFrame[] {
  return entry.events.filter((f): f is MessageFrame => f.event.type === "message");
}

/** The visitor's last message, if any. */
export function lastVisitorMessage(entry: ConversationEntry): MessageFrame | null {
  for (let i = entry.events.length - 1; i >= 0; i--) {
    const frame = entry.events[i]!;
    if (frame.event.type === "message" && frame.event.sender.kind === "visitor") return frame as MessageFrame;
  }
  return null;
}

/** True when the visitor wrote something the operator side has not read yet. */
export function isUnread(entry: ConversationEntry): boolean {
  const last = lastVisitorMessage(entry);
  return last !== null && (last.seq ?? 0) > entry.view.operatorReadSeq;
}

/** Number of visitor messages past the operator's read mark. */
export function unreadCount(entry: ConversationEntry): number {
  const readUpTo = entry.view.operatorReadSeq;
  return messagesOf(entry).filter((f) => f.event.sender.kind === "visitor" && (f.seq ?? 0) > readUpTo).length;
}

/**
 * Since when the visitor has been waiting for an answer: their last message when no operator
 * message followed it, the creation time of a conversation still in the queue, else null.
 */
export function waitingSince(entry: ConversationEntry): number | null {
  if (entry.view.state === "ended") return null;
  for (let i = entry.events.length - 1; i >= 0; i--) {
    const event = entry.events[i]!.event;
    if (event.type !== "message") continue;
    if (event.sender.kind === "operator") return null;
    if (event.sender.kind === "visitor") return event.at;
  }
  return entry.view.state === "waiting" || entry.view.state === "pending" ? entry.view.createdAt : null;
}

/** The line shown under the visitor's name in the list: the last message, or a file name. */
export function previewOf(entry: ConversationEntry): string {
  const messages = messagesOf(entry);
  const last = messages[messages.length - 1];
  if (!last) return "";
  const text = last.event.text || last.event.file?.name || "";
  return text.replace(/\s+/g, " ").slice(0, 140);
}

/** The name to show for the visitor: their name, their e-mail, or a short form of their id. */
export function visitorLabel(entry: ConversationEntry): string {
  const v = entry.view.visitor;
  return v.name?.trim() || v.email?.trim() || `#${v.id.slice(-6)}`;
}

/** The seq of the latest persisted event held, for read receipts and resume. */
export function latestSeq(entry: ConversationEntry): number {
  const last = entry.events[entry.events.length - 1];
  return Math.max(entry.view.lastSeq, last?.seq ?? 0);
}

/** Formats a duration as m:ss under an hour and h:mm:ss above, e.g. "0:42", "12:05", "1:03:00". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}
