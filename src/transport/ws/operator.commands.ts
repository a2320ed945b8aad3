/**
 * The operator socket's commands: each is authorized (auth policy + permission flags from config),
 * turned into one engine call, and answered by exactly one `ack` after the commit or one `error`.
 * Typing is fire-and-forget. Never throws.
 */
import { assertPermission, canReplyToConversation } from "../../auth/authorization.policy";
import type { FileRef } from "../../core/conversation/conversation.events";
import { AppError } from "../../core/errors";
import { accessOf } from "../../realtime/conversation-views";
import { operatorRef } from "../../realtime/event-view";
import { presenceEntry } from "../../realtime/presence";
import { Topics } from "../../realtime/topics";
import { TeamChatDelivery } from "../../team-chat/team-chat.delivery";
import type { AckPrincipal } from "./command-ledger";
import type { OperatorSession } from "./operator.session";
import { operatorParser } from "./parsers";
import type { CommandOf, OperatorCommand } from "./protocol";
import { errorFrameFor } from "./socket-errors";

type Cmd<K extends OperatorCommand["type"]> = CommandOf<OperatorCommand, K>;

/** Handle one inbound frame of an operator socket. */
export function handleOperatorFrame(session: OperatorSession, frame: unknown): void {
  session.connection.touch();
  const parsed = operatorParser(session.deps.config().conversations.maxMessageLength).parse(frame);
  if (!parsed.ok) {
    session.connection.send({ type: "error", ...parsed.error });
    return;
  }
  const command = parsed.command;
  try {
    dispatch(session, command);
  } catch (error) {
    session.connection.send(errorFrameFor(command.id, error, session.deps.logger, { socket: "operator", type: command.type, operatorId: session.principal.id }));
  }
}

function dispatch(s: OperatorSession, command: OperatorCommand): void {
  if (command.type === "ping") return s.connection.send({ type: "pong", id: command.id });
  if (command.type === "hello") return hello(s, command);
  if (!s.ready) throw new AppError("request.invalid", "send hello first");
  const recalled = UNLEDGERED.has(command.type) ? undefined : s.deps.ledger.recall(ledgerKey(s), command.id);
  if (recalled !== undefined) return s.connection.sendText(recalled);
  const { engine } = s.deps;
  switch (command.type) {
    case "status": {
      const view = engine.setOperatorStatus(s.principal.id, command.status, s.actor);
      return ack(s, command.id, undefined, presenceEntry(view));
    }
    case "capacity.set": {
      const view = engine.setOperatorCapacity(s.principal.id, command.max, s.actor);
      return ack(s, command.id, undefined, presenceEntry(view));
    }
    case "accept": {
      const view = engine.assignToMe(command.conversationId, s.actor);
      return ack(s, command.id, view.lastSeq, { conversationId: view.id });
    }
    case "message": {
      if (command.text === undefined && command.fileId === undefined) throw new AppError("request.invalid", "message: send text, a fileId, or both");
      const file = command.fileId === undefined ? null : fileFor(s, command.conversationId, command.fileId);
      const event = engine.postMessage(command.conversationId, s.actor, { text: command.text ?? null, file, clientId: command.id, knowledgeTitle: command.knowledge?.title ?? null });
      return ack(s, command.id, event.seq, undefined, false);
    }
    case "note": {
      s.requireVisible(command.conversationId);
      const event = engine.addNote(command.conversationId, s.actor, { text: command.text, clientId: command.id });
      return ack(s, command.id, event.seq, undefined, false);
    }
    case "typing":
      return typing(s, command);
    case "read":
      s.requireVisible(command.conversationId);
      engine.markRead(command.conversationId, s.actor, command.seq);
      return ack(s, command.id, undefined, undefined, false);
    case "transfer":
      return transfer(s, command);
    case "transfer.accept": {
      const view = engine.acceptTransfer(s.principal.id, command.transferId);
      return ack(s, command.id, view.lastSeq, { conversationId: view.id });
    }
    case "transfer.decline": {
      const request = engine.declineTransfer(s.principal.id, command.transferId);
      return ack(s, command.id, undefined, { transferId: request.id, conversationId: request.conversationId });
    }
    case "end": {
      const view = engine.endConversation(command.conversationId, s.actor);
      return ack(s, command.id, view.lastSeq, { state: view.state });
    }
    case "request.file":
      return requestFile(s, command);
    case "watch": {
      const view = s.requireVisible(command.conversationId);
      s.watched.add(view.id);
      s.followAndSend(view, command.lastSeq ?? 0, true);
      return ack(s, command.id, undefined, undefined, false);
    }
    case "unwatch": {
      s.watched.delete(command.conversationId);
      const mine = engine.conversation(command.conversationId);
      if (!(mine?.operatorId === s.principal.id && mine.state === "active")) s.connection.unfollow(command.conversationId);
      return ack(s, command.id, undefined, undefined, false);
    }
    case "op.message":
      return operatorChat(s, command);
    case "op.read":
      return operatorChatRead(s, command);
  }
}

function hello(s: OperatorSession, command: Cmd<"hello">): void {
  const { engine, config } = s.deps;
  const firstHello = !s.ready;
  if (firstHello) {
    for (const topic of s.topics()) s.connection.subscribe(topic);
    s.connection.authenticated = true;
    s.registry.online(s);
  }
  s.ready = true;
  const me = engine.operator(s.principal.id);
  const entries = s.resume(command.lastSeqs ?? {});
  const count = s.queueCountOf(engine.queueLengths());
  s.setQueueCount(count);
  const p = s.principal;
  s.connection.send({
    type: "snapshot",
    operator: { id: p.id, name: p.name, role: p.role, status: me?.status ?? "offline", capacity: me?.capacity, maxCapacity: me?.maxCapacity, departments: [...p.departments], permissions: { ...config().permissions[p.role] } },
    conversations: entries.map(({ conversation, events }) => ({ conversation, events })),
    queue: { count },
  });
  for (const entry of entries) entry.replay?.goLive();
  for (const t of engine.pendingTransfers(p.id)) {
    const view = engine.conversationDetails(t.conversationId);
    if (!view) continue;
    s.connection.send({ type: "transfer", transferId: t.id, conversation: s.requireVisible(t.conversationId), from: operatorRef(s.deps.directory, t.fromOperatorId), message: t.message, expiresAt: t.expiresAt });
  }
  if (s.topics().includes(Topics.presence)) s.connection.send(s.deps.fanout.presence.fullFrame());
  // Team chat that arrived while this tab was away (offline, reloading): its unread counts at once.
  s.connection.send({ type: "op.unread", counts: s.deps.teamChat.unread(p.id) });
  s.connection.send({ type: "ack", id: command.id, result: { operatorId: p.id } });
}

function typing(s: OperatorSession, command: Cmd<"typing">): void {
  const c = s.deps.engine.conversationDetails(command.conversationId);
  if (!c || !canReplyToConversation(s.principal, accessOf(c))) throw new AppError("auth.forbidden", "only the operator handling this conversation may type in it");
  if (s.connection.allowTyping(command.conversationId, command.on)) s.deps.fanout.conversations.onTyping(command.conversationId, "operator", s.principal.name, command.on);
}

function transfer(s: OperatorSession, command: Cmd<"transfer">): void {
  const { engine } = s.deps;
  const toOperator = command.toOperatorId;
  const toDepartment = command.toDepartmentId;
  if ((toOperator === undefined) === (toDepartment === undefined)) throw new AppError("request.invalid", "transfer: give exactly one of toOperatorId and toDepartmentId");
  const message = command.message ?? null;
  if (toDepartment !== undefined) {
    const view = engine.transfer(command.conversationId, { department: toDepartment }, s.actor, { message });
    return ack(s, command.id, view.lastSeq, { conversationId: view.id, state: view.state });
  }
  if (command.immediate) {
    const view = engine.transfer(command.conversationId, { operatorId: toOperator! }, s.actor, { message });
    return ack(s, command.id, view.lastSeq, { conversationId: view.id, operatorId: view.operatorId });
  }
  const request = engine.requestTransfer(command.conversationId, toOperator!, s.actor, message);
  ack(s, command.id, undefined, { transferId: request.id, expiresAt: request.expiresAt });
}

function requestFile(s: OperatorSession, command: Cmd<"request.file">): void {
  assertPermission(s.principal, "requestFile");
  const c = s.deps.engine.conversationDetails(command.conversationId);
  if (!c || !canReplyToConversation(s.principal, accessOf(c))) throw new AppError("auth.forbidden", "only the operator handling this active conversation may ask for a file");
  // A persisted event (idempotent on the command id): the visitor still sees the request after a reload.
  const event = s.deps.engine.requestFile(c.id, s.actor, { message: command.message ?? null, clientId: command.id });
  ack(s, command.id, event.seq, undefined, false);
}

/** Stored first (inside the batch: the ack and the frames wait for its commit), then to both operators' tabs. */
function operatorChat(s: OperatorSession, command: Cmd<"op.message">): void {
  const { message, duplicate } = s.deps.teamChat.send(s.principal, { toOperatorId: command.toOperatorId, text: command.text, clientId: command.id });
  const delivery = new TeamChatDelivery(s.deps.hub, s.deps.directory);
  const online = duplicate ? s.deps.hub.subscriberCount(Topics.operator(message.recipientId)) > 0 : delivery.message(message);
  ack(s, command.id, undefined, { messageId: message.id, at: message.createdAt, delivered: online });
}

/** The colleague's thread is read: every tab of mine gets the new counts. */
function operatorChatRead(s: OperatorSession, command: Cmd<"op.read">): void {
  const changed = s.deps.teamChat.markRead(s.principal.id, command.operatorId);
  if (changed > 0) new TeamChatDelivery(s.deps.hub, s.deps.directory).unread(s.principal.id, s.deps.teamChat.unread(s.principal.id));
  ack(s, command.id, undefined, { read: changed }, false);
}

function fileFor(s: OperatorSession, conversationId: string, fileId: string): FileRef {
  const stored = s.deps.files?.findById(fileId);
  if (!stored || stored.conversationId !== conversationId || stored.uploaderKind !== "operator" || stored.uploaderId !== s.principal.id) {
    throw new AppError("file.not_found", `no file ${fileId} uploaded by you in this conversation`);
  }
  return { id: stored.id, name: stored.name, mime: stored.contentType, size: stored.size };
}

/**
 * Commands whose acks are never remembered, so no ledger lookup either (a store read on the hot path):
 * messages, notes and file requests are idempotent in the event log by their id; the rest change nothing
 * a retry could duplicate.
 */
const UNLEDGERED: ReadonlySet<OperatorCommand["type"]> = new Set(["message", "note", "typing", "read", "watch", "unwatch", "request.file", "op.read"]);

const ledgerKey = (s: OperatorSession): AckPrincipal => ({ kind: "operator", id: s.principal.id });

function ack(s: OperatorSession, id: string, seq?: number, result?: unknown, remember = true): void {
  const frame: Record<string, unknown> = { type: "ack", id };
  if (seq !== undefined) frame.seq = seq;
  if (result !== undefined) frame.result = result;
  const text = JSON.stringify(frame);
  if (remember) s.deps.ledger.remember(ledgerKey(s), id, text);
  s.connection.sendText(text);
}
