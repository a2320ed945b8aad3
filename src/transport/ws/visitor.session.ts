/**
 * One visitor connection: authenticates with `hello`, follows the visitor's conversation (and only
 * theirs), and turns each command into one engine call, answered by exactly one `ack` (after the
 * commit) or `error`. Typing is fire-and-forget. Never throws: every failure becomes an error frame.
 */
import type { VisitorIdentity } from "../../auth/visitor.service";
import type { Actor } from "../../core/conversation/conversation.events";
import type { FileRef } from "../../core/conversation/conversation.events";
import { AppError } from "../../core/errors";
import { checkVisitorFields } from "../../core/visitor/visitor-fields.policy";
import { visitorView } from "../../realtime/conversation-views";
import type { AckPrincipal } from "./command-ledger";
import type { Connection } from "./connection";
import type { CommandOf, VisitorCommand } from "./protocol";
import { CLOSE_CODES } from "./protocol";
import { visitorParser } from "./parsers";
import type { RealtimeDeps } from "./realtime.deps";
import { followWithReplay } from "./replay";
import { errorFrameFor } from "./socket-errors";

/** Facts about the upgrade request a visitor session keeps. */
export interface VisitorRequestInfo {
  readonly clientIp: string;
  readonly userAgent: string | null;
}

type Cmd<K extends VisitorCommand["type"]> = CommandOf<VisitorCommand, K>;

/** Handles the frames of one visitor socket. */
export class VisitorSession {
  private visitor: VisitorIdentity | null = null;
  private conversationId: string | null = null;

  constructor(
    readonly connection: Connection,
    private readonly deps: RealtimeDeps,
    private readonly request: VisitorRequestInfo,
  ) {}

  /** The authenticated visitor's id, once `hello` succeeded. */
  get visitorId(): string | null {
    return this.visitor?.id ?? null;
  }

  /** One inbound frame (already JSON-decoded by the framework, or raw text). */
  handleFrame(frame: unknown): void {
    this.connection.touch();
    const parsed = visitorParser(this.deps.config().conversations.maxMessageLength).parse(frame);
    if (!parsed.ok) {
      this.connection.send({ type: "error", ...parsed.error });
      return;
    }
    const command = parsed.command;
    try {
      this.dispatch(command);
    } catch (error) {
      this.connection.send(errorFrameFor(command.id, error, this.deps.logger, { socket: "visitor", type: command.type, visitorId: this.visitorId }));
    }
  }

  private dispatch(command: VisitorCommand): void {
    switch (command.type) {
      case "ping":
        this.connection.send({ type: "pong", id: command.id });
        return;
      case "hello":
        return this.hello(command);
    }
    const visitor = this.visitor;
    if (!visitor) throw new AppError("auth.required", "say hello with your visitor token first");
    // Messages never enter the ledger (the engine is idempotent on their id itself), nor do reads and
    // typing (nothing to duplicate): no lookup for them, the ledger may read the database.
    const unledgered = command.type === "message" || command.type === "read" || command.type === "typing";
    const recalled = unledgered ? undefined : this.deps.ledger.recall(ledgerKey(visitor), command.id);
    if (recalled !== undefined) {
      this.connection.sendText(recalled);
      return;
    }
    switch (command.type) {
      case "start":
        return this.start(visitor, command);
      case "message":
        return this.message(visitor, command);
      case "typing":
        return this.typing(command);
      case "read": {
        this.deps.engine.markRead(this.requireConversation(), actorOf(visitor), command.seq);
        return this.ack(visitor, command.id, undefined, undefined, false);
      }
      case "end": {
        const view = this.deps.engine.endConversation(this.requireConversation(), actorOf(visitor), "visitor");
        return this.ack(visitor, command.id, view.lastSeq, { state: view.state });
      }
      case "questionnaire.answer":
        return this.answer(visitor, command);
    }
  }

  private hello(command: Cmd<"hello">): void {
    const visitor = this.deps.auth.visitors.authenticateVisitorToken(command.token);
    if (!visitor) {
      this.connection.send({ type: "error", id: command.id, code: "auth.required", message: "unknown visitor token; start a widget session again" });
      this.connection.close(CLOSE_CODES.unauthorized, "unknown visitor token");
      return;
    }
    if (this.visitor && this.visitor.id !== visitor.id) throw new AppError("auth.forbidden", "this connection already serves another visitor");
    this.visitor = visitor;
    this.connection.authenticated = true;
    let target: string | null = null;
    let afterSeq = 0;
    if (command.conversationId !== undefined) {
      if (!this.owns(visitor, command.conversationId)) throw new AppError("conversation.not_found", `no conversation ${command.conversationId}`);
      target = command.conversationId;
      afterSeq = command.lastSeq ?? 0;
    } else {
      const latest = this.deps.visitors.get(visitor.id);
      if (latest && this.owns(visitor, latest)) target = latest;
    }
    if (target) this.attach(visitor, target, afterSeq);
    else this.connection.send({ type: "snapshot", conversation: null, events: [] });
    this.connection.send({ type: "ack", id: command.id, result: { visitorId: visitor.id, conversationId: target } });
  }

  private start(visitor: VisitorIdentity, command: Cmd<"start">): void {
    const engine = this.deps.engine;
    const current = this.conversationId ? engine.conversation(this.conversationId) : null;
    if (current && current.state !== "ended") {
      return this.ack(visitor, command.id, undefined, { conversationId: current.id, outcome: "existing", state: current.state });
    }
    const fields = checkVisitorFields(command.fields, this.deps.config().widget);
    this.limit("startConversation", `ip:${this.request.clientIp}`);
    const outcome = engine.startConversation({
      visitor: {
        id: visitor.id,
        name: fields.name ?? visitor.name,
        email: fields.email ?? visitor.email,
        fields,
        pageUrl: command.pageUrl ?? null,
        referrer: command.referrer ?? null,
        userAgent: command.userAgent ?? this.request.userAgent,
        language: command.language ?? null,
        timezone: command.timezone ?? null,
      },
      department: command.department ?? null,
    });
    if (outcome.outcome === "refused") {
      throw new AppError(outcome.code, outcome.message, { reason: outcome.reason, offlineForm: true });
    }
    const id = outcome.conversation.id;
    this.deps.visitors.set(visitor.id, id);
    this.attach(visitor, id, 0);
    const result =
      outcome.outcome === "queued"
        ? { conversationId: id, outcome: outcome.outcome, position: outcome.position, estimatedWaitMs: outcome.estimatedWaitMs === null ? null : Math.round(outcome.estimatedWaitMs) }
        : { conversationId: id, outcome: outcome.outcome };
    this.ack(visitor, command.id, outcome.conversation.lastSeq, result);
  }

  private message(visitor: VisitorIdentity, command: Cmd<"message">): void {
    const conversationId = this.requireConversation();
    if (command.text === undefined && command.fileId === undefined) throw new AppError("request.invalid", "message: send text, a fileId, or both");
    this.limit("sendMessage", `v:${visitor.id}`);
    const file = command.fileId === undefined ? null : this.fileFor(visitor, conversationId, command.fileId);
    const event = this.deps.engine.postMessage(conversationId, actorOf(visitor), { text: command.text ?? null, file, clientId: command.id });
    // Not remembered in the ledger: the engine itself is idempotent on the client id, even across restarts.
    this.ack(visitor, command.id, event.seq, undefined, false);
  }

  private typing(command: Cmd<"typing">): void {
    const conversationId = this.requireConversation();
    if (this.connection.allowTyping(conversationId, command.on)) this.deps.fanout.conversations.onTyping(conversationId, "visitor", undefined, command.on);
  }

  private answer(visitor: VisitorIdentity, command: Cmd<"questionnaire.answer">): void {
    const conversationId = this.requireConversation();
    const questionnaires = this.deps.questionnaires;
    if (!questionnaires) throw new AppError("questionnaire.not_found", "questionnaires are not enabled on this server");
    const result = questionnaires.answer({ conversationId, visitorId: visitor.id, questionnaireId: command.questionnaireId, answers: command.answers });
    this.ack(visitor, command.id, result.seq, { summary: result.summary });
  }

  /** Follow a conversation and send its snapshot: state plus every visible event after `afterSeq`. */
  private attach(visitor: VisitorIdentity, conversationId: string, afterSeq: number): void {
    const { engine, directory } = this.deps;
    const connection = this.connection;
    if (this.conversationId && this.conversationId !== conversationId) connection.unfollow(this.conversationId);
    connection.unfollow(conversationId); // a (re)hello replays from what the client says it has
    this.conversationId = conversationId;
    const replay = followWithReplay(connection, conversationId, afterSeq, (after) => engine.history(conversationId, actorOf(visitor), { afterSeq: after }), directory, { exact: true });
    const view = visitorView(engine, directory, conversationId);
    if (view?.queue) this.deps.fanout.queue.remember(conversationId, view.queue.position, view.queue.estimatedWaitMs);
    connection.send({ type: "snapshot", conversation: view, events: replay?.frames ?? [] });
    replay?.goLive();
  }

  private owns(visitor: VisitorIdentity, conversationId: string): boolean {
    return this.deps.engine.conversation(conversationId)?.visitorId === visitor.id;
  }

  private requireConversation(): string {
    if (!this.conversationId) throw new AppError("conversation.not_found", "no conversation yet: send start first");
    return this.conversationId;
  }

  private fileFor(visitor: VisitorIdentity, conversationId: string, fileId: string): FileRef {
    const stored = this.deps.files?.findById(fileId);
    if (!stored || stored.conversationId !== conversationId || stored.uploaderKind !== "visitor" || stored.uploaderId !== visitor.id) {
      throw new AppError("file.not_found", `no file ${fileId} uploaded by you in this conversation`);
    }
    return { id: stored.id, name: stored.name, mime: stored.contentType, size: stored.size };
  }

  private limit(bucket: "startConversation" | "sendMessage", key: string): void {
    const decision = this.deps.auth.limiters[bucket].take(`${bucket}:${key}`);
    if (!decision.allowed) throw new AppError("rate.limited", `too many ${bucket === "sendMessage" ? "messages" : "new conversations"}; try again in ${Math.ceil(decision.retryAfterMs / 1000)} s`, { retryAfterMs: decision.retryAfterMs });
  }

  /** Send the ack (after the commit, by construction: the engine call returned) and remember it for retries. */
  private ack(visitor: VisitorIdentity, id: string, seq?: number, result?: unknown, remember = true): void {
    const frame: Record<string, unknown> = { type: "ack", id };
    if (seq !== undefined) frame.seq = seq;
    if (result !== undefined) frame.result = result;
    const text = JSON.stringify(frame);
    if (remember) this.deps.ledger.remember(ledgerKey(visitor), id, text);
    this.connection.sendText(text);
  }
}

const ledgerKey = (visitor: VisitorIdentity): AckPrincipal => ({ kind: "visitor", id: visitor.id });
const actorOf = (visitor: VisitorIdentity): Actor => ({ kind: "visitor", id: visitor.id });
