/**
 * How one conversation entry changes with each event frame: persisted events are kept once each in
 * seq order (replays after a reconnect overlap live frames), and the view's state, operator,
 * metadata and read marks follow the events so the list is right before the next `conversation`
 * frame arrives.
 */
import type { EventFrameT, StaffConversationViewT } from "../../shared/protocol";
import type { ConversationEntry } from "./console.model";

/** An entry for a conversation just seen. */
export function newEntry(view: StaffConversationViewT): ConversationEntry {
  return { view, events: [], visitorTyping: false, transfer: null, attention: false, historyFrom: view.lastSeq + 1, pending: [] };
}

/** Merges persisted events into a seq-ordered list, each seq once; live-only events (no seq) are not kept. */
export function insertEvents(existing: readonly EventFrameT[], incoming: readonly EventFrameT[]): EventFrameT[] {
  const bySeq = new Map<number, EventFrameT>();
  for (const frame of existing) if (frame.seq !== undefined) bySeq.set(frame.seq, frame);
  let changed = false;
  for (const frame of incoming) {
    if (frame.seq === undefined || bySeq.has(frame.seq)) continue;
    bySeq.set(frame.seq, frame);
    changed = true;
  }
  if (!changed) return existing as EventFrameT[];
  return [...bySeq.values()].sort((a, b) => a.seq! - b.seq!);
}

/**
 * Applies one event frame. `me` is the signed-in operator; `open` says the conversation is on
 * screen (a conversation transferred to me while open does not flash).
 */
export function applyEvent(entry: ConversationEntry, frame: EventFrameT, me: string | null, open: boolean): ConversationEntry {
  const event = frame.event;
  let next = entry;
  if (frame.seq !== undefined) {
    if (entry.events.some((f) => f.seq === frame.seq)) return entry;
    const events = insertEvents(entry.events, [frame]);
    next = { ...next, events, view: { ...next.view, lastSeq: Math.max(next.view.lastSeq, frame.seq) } };
  }
  const view = next.view;
  switch (event.type) {
    case "message": {
      const pending = event.clientId ? next.pending.filter((p) => p.clientId !== event.clientId) : next.pending;
      const visitorTyping = event.sender.kind === "visitor" ? false : next.visitorTyping;
      return { ...next, pending, visitorTyping, view: { ...view, lastMessageAt: Math.max(view.lastMessageAt, event.at) } };
    }
    case "note":
      return { ...next, pending: event.clientId ? next.pending.filter((p) => p.clientId !== event.clientId) : next.pending };
    case "conversation.assigned":
      return { ...next, view: { ...view, state: "active", operatorId: event.operator.id, assignedAt: event.at, queuePosition: null } };
    case "conversation.queued":
      return { ...next, view: { ...view, state: "waiting", operatorId: null, queuePosition: event.position } };
    case "conversation.requeued":
      return { ...next, view: { ...view, state: "waiting", operatorId: null } };
    case "conversation.ended":
      return { ...next, visitorTyping: false, view: { ...view, state: "ended", endedAt: event.at, endReason: event.reason } };
    case "conversation.reescalated":
      return { ...next, view: { ...view, state: "pending", endedAt: null, endReason: null } };
    case "conversation.transferred": {
      const toMe = me !== null && event.to?.id === me;
      const transfer = toMe ? { from: event.from, message: event.message, automatic: event.automatic, at: event.at } : next.transfer;
      const department = event.toDepartment ?? view.department;
      return {
        ...next,
        transfer,
        attention: next.attention || (toMe && !open),
        view: { ...view, operatorId: event.to?.id ?? null, department, state: event.to ? view.state : "waiting" },
      };
    }
    case "conversation.updated":
      return {
        ...next,
        view: {
          ...view,
          priority: event.priority ?? view.priority,
          tags: event.tags ? [...event.tags] : view.tags,
          important: event.important ?? view.important,
        },
      };
    case "typing":
      return event.sender === "visitor" && next.visitorTyping !== event.on ? { ...next, visitorTyping: event.on } : next;
    case "read":
      if (event.reader === "visitor") return event.upToSeq > view.visitorReadSeq ? { ...next, view: { ...view, visitorReadSeq: event.upToSeq } } : next;
      return event.upToSeq > view.operatorReadSeq ? { ...next, view: { ...view, operatorReadSeq: event.upToSeq } } : next;
    case "queue.position":
      return { ...next, view: { ...view, queuePosition: event.position } };
    default:
      return next;
  }
}
