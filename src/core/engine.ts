/**
 * The conversation engine: one facade over the lifecycle, queue, routing, operator and transfer
 * services, so the transport and the jobs call one object. Every command is synchronous and runs
 * as one unit of work (validate → change → persist → commit), then publishes its events to
 * subscribers. Queries read memory (open conversations) or the store (history, ended ones).
 */
import type { Config } from "../config/schema";
import type { Priority } from "../plugins/api";
import { assignConversation, endConversation, setImportant, setPriority, setTags, type AssignOptions } from "./conversation/conversation.service";
import { applyHoursTransition } from "./conversation/closing.service";
import { handleDeadline, syncDeadlines } from "./conversation/deadline.service";
import { EngineContext, type EngineDeps } from "./conversation/engine.context";
import { addNote, history, markRead, postMessage, type MessageContent } from "./conversation/message.service";
import { reconcileAfterRestore, restoreFromStore } from "./conversation/restore";
import { startConversation, type StartConversationInput, type StartOutcome } from "./conversation/start.service";
import { previewAdmission, type AdmissionStatus } from "./conversation/admission";
import { offerQuestionnaire, recordQuestionnaireAnswer, requestFile } from "./conversation/visitor-request.service";
import { viewOf, type Actor, type AnyStoredEvent, type ConversationView, type EngineListener, type OperatorView } from "./conversation/conversation.events";
import type { Conversation, EndReason } from "./conversation/conversation.model";
import type { EventQuery } from "./conversation/conversation.ports";
import { operatorConnected, operatorDisconnected, setOperatorCapacity, setOperatorStatus } from "./operator/operator.service";
import { operatorView } from "./operator/operator.model";
import { estimatedWaitMs, queueLengths, queuePosition, queueStandings, type QueueStanding } from "./queue/queue.queries";
import { drainQueues } from "./routing/router";
import { EstimateAnnouncer } from "./queue/estimate-announcer";
import { requeue, transferConversation, type TransferOptions, type TransferTarget } from "./transfer/transfer.service";
import { acceptTransfer, declineTransfer, pendingTransfersFor, requestTransfer } from "./transfer/transfer-request.service";
import type { TransferRequest } from "./transfer/transfer.model";

export type { EngineDeps, StartConversationInput, StartOutcome, MessageContent, TransferTarget, TransferOptions, AssignOptions, AdmissionStatus };

/** Everything the engine holds, in a comparable form (restart tests, diagnostics). */
export interface EngineSnapshot {
  readonly conversations: readonly Conversation[];
  readonly queues: Readonly<Record<string, readonly string[]>>;
  readonly operators: readonly (OperatorView & { readonly held: readonly string[] })[];
  readonly transfers: readonly TransferRequest[];
}

/** The conversation engine. Build it with `createEngine`. */
export class Engine {
  private readonly ctx: EngineContext;
  private readonly routingFor: EngineDeps["routing"];

  private constructor(deps: EngineDeps) {
    this.routingFor = deps.routing;
    this.ctx = new EngineContext(deps);
    this.ctx.drain = () => drainQueues(this.ctx);
    this.ctx.syncDeadlines = (c) => syncDeadlines(this.ctx, c);
    this.ctx.recover = () => restoreFromStore(this.ctx, false);
    const estimates = new EstimateAnnouncer();
    this.ctx.announceEstimates = () => estimates.announce(this.ctx);
  }

  /** Builds the engine from the store: what was open before a restart is open again, in the same order. */
  static create(deps: EngineDeps): Engine {
    const engine = new Engine(deps);
    restoreFromStore(engine.ctx, true);
    engine.ctx.command(() => reconcileAfterRestore(engine.ctx));
    return engine;
  }

  /** Receives every event after its command committed. Returns the unsubscribe function. */
  subscribe(listener: EngineListener): () => void {
    return this.ctx.subscribe(listener);
  }

  /**
   * Applies a reloaded config: capacities, statuses, operators, departments, routing strategy and
   * timeouts. Conversations of removed operators go back to their queue; queues are drained
   * (capacity may have grown) and every deadline is recomputed with the new timeouts.
   */
  applyConfig(config: Config): void {
    const ctx = this.ctx;
    ctx.command(() => {
      ctx.config = config;
      ctx.pick = this.routingFor(config);
      ctx.roster.applyConfig(config, ctx.now());
      ctx.estimator.resize(config.queue.estimateSampleSize);
      ctx.staffing.clear();
      for (const c of [...ctx.conversations.values()]) {
        const op = c.state === "active" && c.operatorId ? ctx.roster.get(c.operatorId) : undefined;
        if (op && !op.configured) requeue(ctx, c, "operator removed from the configuration");
        else syncDeadlines(ctx, c);
      }
      ctx.requestDrain();
    });
  }

  // ── Conversations ──────────────────────────────────────────────────────────

  /** A visitor asks for a chat: assigned, queued (position + estimate) or refused (offline form). */
  startConversation(input: StartConversationInput): StartOutcome {
    return this.ctx.command(() => startConversation(this.ctx, input));
  }

  /** Posts a message (idempotent on `clientId`); a visitor writing after the end may re-escalate. */
  postMessage(conversationId: string, sender: Actor, content: MessageContent): AnyStoredEvent {
    return this.ctx.command(() => postMessage(this.ctx, conversationId, sender, content));
  }

  /** Adds a staff-only internal note (idempotent on `clientId`). */
  addNote(conversationId: string, author: Actor, content: { text: string; clientId: string }): AnyStoredEvent {
    return this.ctx.command(() => addNote(this.ctx, conversationId, author, content));
  }

  /** The handling operator asks the visitor for a file: a persisted request (idempotent on `clientId`). */
  requestFile(conversationId: string, by: Actor, request: { message?: string | null; clientId: string }): AnyStoredEvent {
    return this.ctx.command(() => requestFile(this.ctx, conversationId, by, request));
  }

  /** The handling operator sends the visitor a `manual` questionnaire during the chat. */
  offerQuestionnaire(conversationId: string, by: Actor, offer: { questionnaireId: string; clientId?: string | null }): AnyStoredEvent {
    return this.ctx.command(() => offerQuestionnaire(this.ctx, conversationId, by, offer));
  }

  /** Records the visitor's questionnaire answer (already scored by its plugin) in the conversation's log. */
  recordQuestionnaireAnswer(conversationId: string, by: Actor, answer: { questionnaireId: string; summary: string; score: number | null }): AnyStoredEvent {
    return this.ctx.command(() => recordQuestionnaireAnswer(this.ctx, conversationId, by, answer));
  }

  /** Records a read receipt up to `seq`. */
  markRead(conversationId: string, reader: Actor, seq: number): void {
    this.ctx.command(() => markRead(this.ctx, conversationId, reader, seq));
  }

  /** Ends a conversation (visitor, handling operator, manager). */
  endConversation(conversationId: string, by: Actor, reason?: EndReason): ConversationView {
    return this.ctx.command(() => endConversation(this.ctx, conversationId, by, reason));
  }

  /** A manager assigns a waiting conversation to an operator (optionally above capacity, recorded). */
  assign(conversationId: string, operatorId: string, by: Actor, options?: AssignOptions): ConversationView {
    return this.ctx.command(() => assignConversation(this.ctx, conversationId, operatorId, by, options));
  }

  /** "Assign to me": an operator takes a waiting conversation of their departments. */
  assignToMe(conversationId: string, operator: Extract<Actor, { kind: "operator" }>): ConversationView {
    return this.ctx.command(() => assignConversation(this.ctx, conversationId, operator.id, operator));
  }

  /** Transfers an active conversation now, to an operator or a department. */
  transfer(conversationId: string, target: TransferTarget, by: Actor, options?: TransferOptions): ConversationView {
    return this.ctx.command(() => transferConversation(this.ctx, conversationId, target, by, options));
  }

  /** `/t Name`: asks an operator to take the conversation (pending until accepted, declined or expired). */
  requestTransfer(conversationId: string, toOperatorId: string, by: Actor, message?: string | null): TransferRequest {
    return this.ctx.command(() => requestTransfer(this.ctx, conversationId, toOperatorId, by, message));
  }

  /** `/a`: accepts the given request, or the operator's oldest pending one. */
  acceptTransfer(operatorId: string, transferId?: string): ConversationView {
    return this.ctx.command(() => acceptTransfer(this.ctx, operatorId, transferId));
  }

  /** Declines the given request, or the operator's oldest pending one. */
  declineTransfer(operatorId: string, transferId?: string): TransferRequest {
    return this.ctx.command(() => declineTransfer(this.ctx, operatorId, transferId));
  }

  setPriority(conversationId: string, priority: Priority, by: Actor): ConversationView {
    return this.ctx.command(() => setPriority(this.ctx, conversationId, priority, by));
  }

  setTags(conversationId: string, tags: readonly string[], by: Actor): ConversationView {
    return this.ctx.command(() => setTags(this.ctx, conversationId, tags, by));
  }

  setImportant(conversationId: string, important: boolean, by: Actor): ConversationView {
    return this.ctx.command(() => setImportant(this.ctx, conversationId, important, by));
  }

  // ── Operators ──────────────────────────────────────────────────────────────

  /** An operator socket opened. */
  operatorConnected(operatorId: string): OperatorView {
    return this.ctx.command(() => operatorConnected(this.ctx, operatorId));
  }

  /** An operator socket closed (the last one starts the presence grace period). */
  operatorDisconnected(operatorId: string): OperatorView {
    return this.ctx.command(() => operatorDisconnected(this.ctx, operatorId));
  }

  /** Changes an operator's status (themselves or a manager). */
  setOperatorStatus(operatorId: string, status: string, by?: Actor): OperatorView {
    return this.ctx.command(() => setOperatorStatus(this.ctx, operatorId, status, by));
  }

  /**
   * Sets how many conversations at once the operator takes, 1 up to their configured ceiling
   * (themselves or a manager); stored, so it survives restarts. Never takes a conversation away.
   */
  setOperatorCapacity(operatorId: string, max: number, by?: Actor): OperatorView {
    return this.ctx.command(() => setOperatorCapacity(this.ctx, operatorId, max, by));
  }

  // ── Timers ─────────────────────────────────────────────────────────────────

  /** The persistent scheduler fired a deadline (stale ones are ignored). */
  handleDeadline(kind: string, conversationId: string | null, payload: Record<string, unknown> = {}): void {
    this.ctx.command(() => handleDeadline(this.ctx, kind, conversationId, payload));
  }

  /** An opening-hours boundary passed: closes the waiting conversations of closed departments, drains on opening. */
  handleHoursTransition(): string[] {
    return this.ctx.command(() => applyHoursTransition(this.ctx));
  }

  // ── Queries ────────────────────────────────────────────────────────────────

  /** A conversation's current state (open or ended), or null. */
  conversation(conversationId: string): ConversationView | null {
    const c = this.ctx.conversations.get(conversationId) ?? this.ctx.stores.conversations.get(conversationId);
    return c ? viewOf(c) : null;
  }

  /**
   * The full record of a conversation (open or ended), or null. A shallow copy is a true snapshot:
   * the engine replaces nested arrays and objects instead of mutating them.
   */
  conversationDetails(conversationId: string): Readonly<Conversation> | null {
    const c = this.ctx.conversations.get(conversationId) ?? this.ctx.stores.conversations.get(conversationId);
    return c ? { ...c } : null;
  }

  /** Every open conversation (pending, waiting, active), e.g. to index visitors at startup. */
  openConversations(): ConversationView[] {
    return [...this.ctx.conversations.values()].map(viewOf);
  }

  /** A conversation's log as `viewer` may see it. */
  history(conversationId: string, viewer: Actor, query?: Omit<EventQuery, "includeStaff">): AnyStoredEvent[] {
    return history(this.ctx, conversationId, viewer, query);
  }

  /**
   * What a new conversation for this department (or page, for URL rules) would get right now —
   * the same admission rule as `startConversation`, without side effects or a strategy call.
   * O(available operators), cached staffing.
   */
  admission(request: { department?: string | null; pageUrl?: string | null }): AdmissionStatus {
    return previewAdmission(this.ctx, request);
  }

  /** 1-based queue position, or null when not waiting. O(log n). */
  queuePosition(conversationId: string): number | null {
    return queuePosition(this.ctx, conversationId);
  }

  /** Estimated wait in ms, or null when not waiting or unknown. */
  estimatedWaitMs(conversationId: string): number | null {
    return estimatedWaitMs(this.ctx, conversationId);
  }

  /** Positions and estimates of one queue from `fromPosition` on (for coalesced pushes). */
  queueStandings(queueKey: string, fromPosition?: number): QueueStanding[] {
    return queueStandings(this.ctx, queueKey, fromPosition);
  }

  /** Waiting conversations per queue. */
  queueLengths(): Record<string, number> {
    return queueLengths(this.ctx);
  }

  operator(operatorId: string): OperatorView | null {
    const op = this.ctx.roster.get(operatorId);
    return op?.configured ? operatorView(op) : null;
  }

  operators(): OperatorView[] {
    return [...this.ctx.roster.all()].filter((op) => op.configured).map(operatorView);
  }

  /** Finds an operator by id or name (for `/t Name`). */
  findOperator(nameOrId: string): OperatorView | null {
    const op = this.ctx.roster.findByName(nameOrId);
    return op ? operatorView(op) : null;
  }

  /** Open conversations held by an operator. */
  conversationsOf(operatorId: string): ConversationView[] {
    const op = this.ctx.roster.get(operatorId);
    return op ? [...op.active].flatMap((id) => (this.ctx.conversations.has(id) ? [viewOf(this.ctx.conversations.get(id)!)] : [])) : [];
  }

  /** Pending transfer requests addressed to an operator, oldest first. */
  pendingTransfers(operatorId: string): TransferRequest[] {
    return pendingTransfersFor(this.ctx, operatorId).map((t) => ({ ...t }));
  }

  /** Everything the engine holds, for restart checks and diagnostics. */
  snapshot(): EngineSnapshot {
    const ctx = this.ctx;
    const queues: Record<string, string[]> = {};
    for (const key of [...ctx.queue.keys()].sort()) queues[key] = [...ctx.queue.entries(key)].map((e) => e.conversationId);
    return {
      conversations: [...ctx.conversations.values()].map((c) => structuredClone(c)).sort((a, b) => (a.id < b.id ? -1 : 1)),
      queues,
      operators: [...ctx.roster.all()].map((op) => ({ ...operatorView(op), held: [...op.active].sort() })).sort((a, b) => (a.id < b.id ? -1 : 1)),
      transfers: [...ctx.transfers.values()].map((t) => ({ ...t })).sort((a, b) => (a.id < b.id ? -1 : 1)),
    };
  }
}

/** Builds the engine from its dependencies and restores it from the store. */
export function createEngine(deps: EngineDeps): Engine {
  return Engine.create(deps);
}
