/**
 * Messages, internal notes, system notices and read receipts: all entries of the conversation's
 * event log. Sends are idempotent on the sender's `clientId` (a retry returns the original event,
 * never a duplicate), update the activity facts the timeouts are computed from, and a visitor
 * writing to an ended conversation re-escalates it when `conversations.keepOpenAfterEnd` is set.
 */
import { AppError } from "../errors";
import { requireHandlerOrManager, requireParticipant, requireStaff } from "./actor.policy";
import { SYSTEM, type Actor, type AnyStoredEvent, type EventPayloads, type FileRef, type MessageSource, type NoticeKind } from "./conversation.events";
import { requireState, type Conversation } from "./conversation.model";
import type { EventQuery } from "./conversation.ports";
import type { EngineContext } from "./engine.context";
import { reescalate } from "./start.service";

/** What a sender posts: text, a file reference, or both, with the sender's idempotency key. */
export interface MessageContent {
  readonly text?: string | null;
  readonly file?: FileRef | null;
  readonly clientId: string;
  /** Operators only: the title of the knowledge base article this answer was taken from. */
  readonly knowledgeTitle?: string | null;
}

/** The source of an operator's knowledge base answer; `request.invalid` when no article has that title. */
function knowledgeSource(ctx: EngineContext, title: string): MessageSource {
  const article = ctx.config.knowledgeBase.articles.find((a) => a.title === title);
  if (!article) throw new AppError("request.invalid", `no knowledge base article is titled "${title.slice(0, 200)}" (it may have been removed)`);
  return { kind: "knowledge", title: article.title, url: article.url ?? null, asOperator: ctx.config.conversations.knowledgeAnswersAsOperator };
}

/** `request.invalid` unless the idempotency key is usable. */
export function requireClientId(clientId: string): void {
  if (!clientId || clientId.length > 200) throw new AppError("request.invalid", "clientId must be 1 to 200 characters");
}

/** The original event of a retried send, if this clientId was already used in the conversation. */
export function replay(ctx: EngineContext, conversationId: string, sender: Actor, clientId: string): AnyStoredEvent | null {
  const original = ctx.stores.events.findByClientId(conversationId, clientId);
  if (!original) return null;
  if (original.actor.kind !== sender.kind || original.actor.id !== sender.id) {
    throw new AppError("request.invalid", `clientId ${clientId} was already used by another sender in this conversation`);
  }
  return original;
}

/**
 * Posts a visitor or operator message; returns the stored event (the original one for a retried
 * clientId). The log's unique (conversation, clientId) index tells a retry apart as it appends, so
 * a new message costs no lookup; only a refused or repeated send looks for the original.
 */
export function postMessage(ctx: EngineContext, conversationId: string, sender: Actor, content: MessageContent): AnyStoredEvent {
  requireClientId(content.clientId);
  let send: PreparedSend;
  try {
    send = prepareSend(ctx, conversationId, sender, content);
  } catch (error) {
    // A retry of a message that was stored gets it back even if the conversation changed since.
    const original = replay(ctx, conversationId, sender, content.clientId);
    if (original) return original;
    throw error;
  }
  const { c, payload } = send;
  // A message changes only the activity facts (recordMessageActivity) and lastSeq; re-escalation touches the whole conversation.
  const wasEnded = c.state === "ended";
  const event = ctx.appendUnlessLogged(c, "message", sender, payload, { body: send.text || null, clientId: content.clientId, activityOnly: true });
  if (!event) {
    const original = replay(ctx, conversationId, sender, content.clientId);
    if (!original) throw new AppError("internal", `the log refused client id ${content.clientId} but does not have it`);
    return original;
  }
  if (sender.kind === "visitor") {
    recordMessageActivity(c, "visitor", event.createdAt);
    if (wasEnded) {
      c.visitorAwaitingReplySince = event.createdAt;
      reescalate(ctx, c);
    }
  } else {
    recordMessageActivity(c, "operator", event.createdAt);
  }
  return event;
}

/** A send that passed every check, ready to append. */
interface PreparedSend {
  readonly c: Conversation;
  readonly text: string;
  readonly payload: EventPayloads["message"];
}

/** The checks of a send (content, sender, state), and its payload; writes nothing. */
function prepareSend(ctx: EngineContext, conversationId: string, sender: Actor, content: MessageContent): PreparedSend {
  const text = content.text?.trim() ?? "";
  const file = content.file ?? null;
  if (!text && !file) throw new AppError("request.invalid", "a message needs text or a file");
  const c = ctx.load(conversationId);
  if (sender.kind === "visitor") {
    requireParticipant(c, sender);
    if (c.state === "ended" && !ctx.config.conversations.keepOpenAfterEnd) throw new AppError("conversation.ended", `conversation ${c.id} has ended`);
    return { c, text, payload: { file } };
  }
  if (sender.kind !== "operator") throw new AppError("request.invalid", "the engine posts notices, not messages");
  requireState(c, "active");
  requireHandlerOrManager(c, sender);
  const source = content.knowledgeTitle ? knowledgeSource(ctx, content.knowledgeTitle) : null;
  return { c, text, payload: source ? { file, source } : { file } };
}

/**
 * What a message logged at `at` changes on its conversation: the sender's activity time, the last
 * message time, and whether the visitor awaits a reply (first response time on the first answer).
 * Restoring from the store replays it over the messages logged after the row was last written.
 */
export function recordMessageActivity(c: Conversation, sender: "visitor" | "operator", at: number): void {
  c.lastMessageAt = at;
  if (sender === "visitor") {
    c.lastVisitorActivityAt = at;
    c.visitorAwaitingReplySince ??= at;
  } else {
    c.lastOperatorActivityAt = at;
    c.visitorAwaitingReplySince = null;
    c.firstResponseAt ??= at;
  }
}

/** Adds an internal note, visible to staff only, in any state (notes often follow the end). */
export function addNote(ctx: EngineContext, conversationId: string, author: Actor, content: { readonly text: string; readonly clientId: string }): AnyStoredEvent {
  requireStaff(author);
  requireClientId(content.clientId);
  const original = replay(ctx, conversationId, author, content.clientId);
  if (original) return original;
  const text = content.text.trim();
  if (!text) throw new AppError("request.invalid", "a note needs text");
  const c = ctx.load(conversationId);
  return ctx.append(c, "note", author, {}, { body: text, clientId: content.clientId, activityOnly: true });
}

/** Posts a system notice to the visitor (reminders, status notices…); not visitor or operator activity. */
export function notify(ctx: EngineContext, c: Conversation, kind: NoticeKind, text: string, offlineForm = false): AnyStoredEvent {
  return ctx.append(c, "notice", SYSTEM, { kind, offlineForm }, { body: text });
}

/** Records that one side has read up to `seq`, so the other side sees it after reconnecting too. */
export function markRead(ctx: EngineContext, conversationId: string, reader: Actor, seq: number): void {
  const c = ctx.load(conversationId);
  if (reader.kind === "visitor") requireParticipant(c, reader);
  else requireStaff(reader);
  if (!Number.isInteger(seq) || seq < 0 || seq > c.lastSeq) throw new AppError("request.invalid", `seq must be between 0 and ${c.lastSeq}`);
  const side = reader.kind === "visitor" ? "visitor" : "operator";
  if (side === "visitor" ? seq <= c.visitorReadSeq : seq <= c.operatorReadSeq) return;
  if (side === "visitor") c.visitorReadSeq = seq;
  else c.operatorReadSeq = seq;
  ctx.touch(c);
  ctx.emit({ kind: "conversation.read", conversationId: c.id, reader: side, seq });
}

/** A page of a conversation's log as `viewer` may see it (visitors never see staff-only events). */
export function history(ctx: EngineContext, conversationId: string, viewer: Actor, query: Omit<EventQuery, "includeStaff"> = {}): AnyStoredEvent[] {
  const c = ctx.load(conversationId);
  if (viewer.kind === "visitor") requireParticipant(c, viewer);
  return ctx.stores.events.list(conversationId, { ...query, includeStaff: viewer.kind !== "visitor" });
}
