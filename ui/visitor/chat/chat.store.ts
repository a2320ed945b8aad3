/**
 * Folds protocol frames into the {@link ChatView}. Each method returns a new view (the elements
 * compare by reference) and says what happened that the outside world may care about (a new
 * message for `Parley.on("message")`, the conversation starting or ending).
 *
 * The visitor's own messages appear at once as "pending" (from the outbox) and become "sent" when
 * the server's copy arrives carrying the same client id — so a message is never shown twice, even
 * when it was retried after a reconnect or a reload.
 */
import type { CommandOf, EventFrameT, VisitorCommand, VisitorConversationViewT } from "../../shared/protocol";
import { EMPTY_VIEW, STATUS_NOTICE_KINDS, type ChatView, type FileRefT, type TimelineItem, type TimelineMessage } from "./chat.model";

/** What an event changed, for the widget's public events. */
export interface Happened {
  readonly message?: TimelineMessage;
  readonly started?: string;
  readonly ended?: { readonly conversationId: string; readonly reason: string };
}

type MessageCommand = CommandOf<VisitorCommand, "message">;

/** Reducer functions over {@link ChatView}. */
export const chatStore = {
  /** The hello answer: the conversation as the server knows it (its events follow one by one). */
  snapshot(view: ChatView, conversation: VisitorConversationViewT | null): ChatView {
    if (!conversation) return view;
    const sameConversation = view.conversationId === conversation.id;
    return {
      ...(sameConversation ? view : { ...EMPTY_VIEW, items: view.items.filter(isPending) }),
      conversationId: conversation.id,
      state: conversation.state,
      operator: conversation.operator,
      department: conversation.department,
      queue: conversation.queue,
      operatorReadSeq: Math.max(conversation.operatorReadSeq, sameConversation ? view.operatorReadSeq : 0),
      endReason: conversation.endReason,
    };
  },

  /** One conversation event (already deduplicated by seq). */
  event(view: ChatView, frame: EventFrameT): { view: ChatView; happened: Happened } {
    const e = frame.event;
    const seq = frame.seq ?? null;
    let next: ChatView = view;
    if (view.conversationId !== frame.conversationId) {
      // A new conversation (the previous one ended): start from a clean slate, keeping unsent messages.
      next = view.conversationId === null ? { ...view, conversationId: frame.conversationId } : { ...EMPTY_VIEW, items: view.items.filter(isPending), conversationId: frame.conversationId };
    }
    if (seq !== null) next = { ...next, lastSeq: Math.max(next.lastSeq, seq) };
    const key = seq !== null ? `seq:${seq}` : `live:${e.type}`;
    switch (e.type) {
      case "conversation.created":
        return { view: { ...next, state: next.state === "none" ? "pending" : next.state, department: e.department, endReason: null, offline: null }, happened: { started: frame.conversationId } };
      case "conversation.queued":
        return done({ ...next, state: "waiting", queue: { position: e.position, estimatedWaitMs: next.queue?.estimatedWaitMs ?? null } });
      case "queue.position":
        return done(next.state === "waiting" || next.state === "pending" ? { ...next, state: "waiting", queue: { position: e.position, estimatedWaitMs: e.estimatedWaitMs } } : next);
      case "conversation.assigned":
        return done(insert({ ...next, state: "active", operator: e.operator, queue: null }, { kind: "marker", key, seq, marker: "joined", name: e.operator.name, at: e.at }));
      case "conversation.requeued":
        return done(insert({ ...next, state: "waiting", operatorTyping: null, statusNotice: null }, { kind: "marker", key, seq, marker: "requeued", at: e.at }));
      case "conversation.ended":
        return {
          view: insert({ ...next, state: "ended", endReason: e.reason, queue: null, operatorTyping: null, statusNotice: null }, { kind: "marker", key, seq, marker: "ended", at: e.at }),
          happened: { ended: { conversationId: frame.conversationId, reason: e.reason } },
        };
      case "conversation.reescalated":
        return done(insert({ ...next, state: "pending", endReason: null }, { kind: "marker", key, seq, marker: "reopened", at: e.at }));
      case "message": {
        const from = e.sender.kind;
        const message: TimelineMessage = {
          kind: "message",
          key: e.clientId && from === "visitor" ? e.clientId : key,
          seq,
          clientId: e.clientId,
          from,
          ...(e.sender.name ? { name: e.sender.name } : {}),
          text: e.text,
          file: e.file,
          ...(e.source ? { source: { title: e.source.title, url: e.source.url } } : {}),
          at: e.at,
          status: "sent",
        };
        const items = next.items.filter((item) => !(from === "visitor" && item.kind === "message" && item.clientId !== null && item.clientId === e.clientId));
        const operatorSpoke = from === "operator";
        return {
          view: insert({ ...next, items, ...(operatorSpoke ? { operatorTyping: null, statusNotice: null } : {}) }, message),
          happened: { message },
        };
      }
      case "notice": {
        const status = STATUS_NOTICE_KINDS.has(e.kind) ? e.text : next.statusNotice;
        const offline = e.offlineForm ? { reason: e.kind, text: e.text } : next.offline;
        return done(insert({ ...next, statusNotice: status, offline }, { kind: "notice", key, seq, noticeKind: e.kind, text: e.text, offlineForm: e.offlineForm, at: e.at }));
      }
      case "typing":
        return done(e.sender === "operator" ? { ...next, operatorTyping: e.on ? (e.name ?? next.operator?.name ?? "") : null } : next);
      case "read":
        return done(e.reader === "operator" ? { ...next, operatorReadSeq: Math.max(next.operatorReadSeq, e.upToSeq) } : next);
      default:
        // Questionnaire offers (also opened at once), file requests, questionnaire answers and whatever persisted event
        // is newer than this build go to the timeline as they are: the conversation chunk renders them.
        if (e.type === "questionnaire.offered") next = { ...next, offeredQuestionnaire: e.questionnaireId };
        return done(seq === null ? next : insert(next, { kind: "event", key, seq, at: e.at, event: e }));
    }
  },

  /** The visitor's own message, shown at once while it waits for the server (`pending`). */
  pending(view: ChatView, command: MessageCommand, at: number, file: FileRefT | null = null): ChatView {
    if (view.items.some((item) => item.kind === "message" && item.clientId === command.id)) return view;
    const message: TimelineMessage = { kind: "message", key: command.id, seq: null, clientId: command.id, from: "visitor", text: command.text ?? "", file, at, status: "pending" };
    return { ...view, items: [...view.items, message] };
  },

  /** The server refused the visitor's message (`code`): it stays visible, marked failed. */
  failed(view: ChatView, clientId: string, code: string): ChatView {
    return { ...view, items: view.items.map((item) => (item.kind === "message" && item.clientId === clientId && item.status === "pending" ? { ...item, status: "failed", error: code } : item)) };
  },

  /** Removes a failed message the visitor dismissed. */
  remove(view: ChatView, clientId: string): ChatView {
    return { ...view, items: view.items.filter((item) => !(item.kind === "message" && item.clientId === clientId && item.status !== "sent")) };
  },

  /** The offline form was shown because a start was refused. */
  refused(view: ChatView, reason: string, text: string): ChatView {
    return { ...view, offline: { reason, text } };
  },

  /** The operator's typing indicator timed out (no "off" received). */
  typingExpired(view: ChatView): ChatView {
    return view.operatorTyping === null ? view : { ...view, operatorTyping: null };
  },
};

function done(view: ChatView): { view: ChatView; happened: Happened } {
  return { view, happened: {} };
}

function isPending(item: TimelineItem): boolean {
  return item.kind === "message" && item.status !== "sent";
}

/** Confirmed items stay in seq order, pending ones after them. */
function insert(view: ChatView, item: TimelineItem): ChatView {
  const items = [...view.items];
  let index = items.length;
  while (index > 0) {
    const before = items[index - 1]!;
    const movable = isPending(before) || (item.seq !== null && before.seq !== null && before.seq > item.seq);
    if (!movable) break;
    index--;
  }
  items.splice(index, 0, item);
  return { ...view, items };
}
