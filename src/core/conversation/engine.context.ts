/**
 * The engine's shared state and its unit of work. Every command runs inside `command()`: one
 * database transaction for all its writes, queued follow-ups (drain the queues, persist touched
 * operators, resync deadlines) done before the commit, and the events published only after it.
 * If a command fails after changing anything, the in-memory state is rebuilt from the store, so
 * memory never disagrees with what was committed.
 */
import type { Config } from "../../config/schema";
import type { Clock, IdGenerator } from "../clock";
import type { PluginLogger, RoutingCandidate, RoutingConversation, RoutingDecision } from "../../plugins/api";
import { OperatorRoster } from "../operator/operator-roster";
import { operatorView, type OperatorRuntime } from "../operator/operator.model";
import { WaitingQueue } from "../queue/waiting-queue";
import { WaitEstimator } from "../queue/wait-estimator";
import { QueueStaffingCache } from "../queue/queue-capacity";
import type { TransferRequest } from "../transfer/transfer.model";
import { AppError } from "../errors";
import type { Deadline } from "../timers/timeouts.model";
import { viewOf, visibilityOf, type Actor, type AnyStoredEvent, type EngineEvent, type EngineListener, type EventPayloads, type EventType } from "./conversation.events";
import type { Conversation } from "./conversation.model";
import type { EngineStores } from "./conversation.ports";

/** Chooses an operator among eligible candidates: the configured routing strategy behind the plugin host's isolation. */
export type RoutingPicker = (input: { conversation: RoutingConversation; candidates: readonly RoutingCandidate[]; now: number }) => RoutingDecision;

/** The persistent deadline scheduler (src/jobs/deadlines.ts) as the engine uses it. */
export interface DeadlineScheduler {
  /** Creates or moves deadline `key`; `conversationId` lets the store drop a conversation's deadlines together. */
  set(key: string, kind: string, dueAt: number, payload?: Record<string, unknown>, conversationId?: string | null): void;
  cancel(key: string): void;
  /** Drops every deadline of a conversation at once (it ended), including retries the engine armed itself. */
  cancelForConversation?(conversationId: string): void;
}

/** Where the engine reports what it recovered from (a failing strategy, a stale deadline); any structured logger fits. */
export type EngineLogger = Pick<PluginLogger, "info" | "warn" | "error">;

/** Everything the engine is built from. */
export interface EngineDeps {
  readonly config: Config;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly stores: EngineStores;
  /** Builds the routing picker for a config (called again on every `applyConfig`). */
  readonly routing: (config: Config) => RoutingPicker;
  readonly scheduler?: DeadlineScheduler;
  readonly logger?: EngineLogger;
}

const NO_SCHEDULER: DeadlineScheduler = { set() {}, cancel() {} };
const NO_LOGGER: EngineLogger = { info() {}, warn() {}, error() {} };

/** Options for appending an event. */
export interface AppendOptions {
  readonly body?: string | null;
  readonly clientId?: string | null;
  /**
   * The command changes nothing of the conversation but what a message does (lastSeq, activity
   * times, awaiting-reply, first response): the store writes only those. Anything else changed in
   * the same command must `touch` the conversation, which makes it a whole-row write again.
   */
  readonly activityOnly?: boolean;
}

/** State and plumbing shared by every engine service. */
export class EngineContext {
  config: Config;
  pick: RoutingPicker;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly stores: EngineStores;
  readonly scheduler: DeadlineScheduler;
  readonly logger: EngineLogger;
  /** Conversations not ended, by id (the only live copies). */
  readonly conversations = new Map<string, Conversation>();
  readonly roster: OperatorRoster;
  readonly queue = new WaitingQueue();
  readonly estimator: WaitEstimator;
  readonly staffing: QueueStaffingCache;
  /** Pending transfer requests by id. */
  readonly transfers = new Map<string, TransferRequest>();
  /** Deadlines currently armed per conversation, to send the scheduler only what changed. */
  readonly deadlines = new Map<string, Deadline<string>[]>();

  private readonly listeners = new Set<EngineListener>();
  private outbox: EngineEvent[] = [];
  private depth = 0;
  private touched = false;
  private drainWanted = false;
  /** Conversations to write before the commit: true when only their message activity changed (AppendOptions.activityOnly). */
  private readonly dirtyConversations = new Map<Conversation, boolean>();
  private readonly dirtyOperators = new Set<OperatorRuntime>();
  /** Set by the engine: rebuilds memory from the store after a failed command. */
  recover: () => void = () => {};
  /** Set by the engine: assigns waiting conversations to freed operators. */
  drain: () => void = () => {};
  /** Set by the engine: recomputes one conversation's deadlines. */
  syncDeadlines: (c: Conversation) => void = () => {};
  /** Set by the engine: emits estimate changes of the queues once the command's changes are settled. */
  announceEstimates: () => void = () => {};

  constructor(deps: EngineDeps) {
    this.config = deps.config;
    this.clock = deps.clock;
    this.ids = deps.ids;
    this.stores = deps.stores;
    this.scheduler = deps.scheduler ?? NO_SCHEDULER;
    this.logger = deps.logger ?? NO_LOGGER;
    this.pick = deps.routing(deps.config);
    this.roster = new OperatorRoster(deps.config, deps.clock.now());
    this.estimator = new WaitEstimator(deps.config.queue.estimateSampleSize);
    this.staffing = new QueueStaffingCache(this.roster);
  }

  now(): number {
    return this.clock.now();
  }

  subscribe(listener: EngineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Runs a command as one unit of work. Nested calls join the outer one. Follow-ups run before the
   * commit; events are published after it, and dropped (with memory rebuilt) if anything failed.
   */
  command<T>(fn: () => T): T {
    if (this.depth > 0) return fn();
    this.depth = 1;
    try {
      const result = this.stores.unitOfWork.run(() => {
        const value = fn();
        this.settle();
        return value;
      });
      const events = this.outbox;
      this.outbox = [];
      this.publish(events);
      return result;
    } catch (error) {
      this.outbox = [];
      this.dirtyConversations.clear();
      this.dirtyOperators.clear();
      this.drainWanted = false;
      if (this.touched) {
        this.logger.warn("engine command failed after changing state; reloading from the store", { error: String(error) });
        this.recover();
      }
      throw error;
    } finally {
      this.depth = 0;
      this.touched = false;
    }
  }

  /** Follow-ups of a command, repeated until nothing more is pending (a drain can dirty conversations). */
  private settle(): void {
    for (let round = 0; round < 1000; round++) {
      if (this.drainWanted) {
        this.drainWanted = false;
        this.drain();
      }
      for (const [c, activityOnly] of this.dirtyConversations) {
        this.dirtyConversations.delete(c);
        const conversations = this.stores.conversations;
        if (activityOnly && conversations.updateActivity) conversations.updateActivity(c);
        else conversations.update(c);
        this.syncDeadlines(c);
      }
      for (const op of this.dirtyOperators) {
        this.dirtyOperators.delete(op);
        this.stores.operators.save(this.roster.record(op));
        this.outbox.push({ kind: "operator.changed", operator: operatorView(op) });
      }
      if (!this.drainWanted && this.dirtyConversations.size === 0) {
        this.announceEstimates();
        return;
      }
    }
    throw new AppError("internal", "engine follow-ups did not settle");
  }

  private publish(events: readonly EngineEvent[]): void {
    for (const event of events) {
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch (error) {
          this.logger.error("engine event listener threw", { error: String(error), kind: event.kind });
        }
      }
    }
  }

  /** Queues an event for publication after the commit. */
  emit(event: EngineEvent): void {
    this.outbox.push(event);
  }

  /** Appends an event to a conversation's log with the next seq, and queues it for publication. */
  append<K extends EventType>(c: Conversation, type: K, actor: Actor, payload: EventPayloads[K], options: AppendOptions = {}): AnyStoredEvent {
    const event = this.appendUnlessLogged(c, type, actor, payload, options);
    if (!event) throw new AppError("internal", `client id ${options.clientId} is already in the log of conversation ${c.id}`);
    return event;
  }

  /**
   * {@link append}, or null when the log already has this client id (a retried send): then nothing
   * changed, in the store or in memory. Lets a send skip the lookup before it.
   */
  appendUnlessLogged<K extends EventType>(c: Conversation, type: K, actor: Actor, payload: EventPayloads[K], options: AppendOptions = {}): AnyStoredEvent | null {
    const wasTouched = this.touched;
    this.touched = true;
    const event = {
      conversationId: c.id,
      seq: c.lastSeq + 1,
      type,
      actor: { kind: actor.kind, id: actor.id },
      visibility: visibilityOf(type),
      payload,
      body: options.body ?? null,
      clientId: options.clientId ?? null,
      createdAt: this.now(),
    } as AnyStoredEvent;
    if (!this.stores.events.append(event)) {
      this.touched = wasTouched;
      return null;
    }
    c.lastSeq = event.seq;
    this.markDirty(c, options.activityOnly === true);
    this.outbox.push({ kind: "conversation.event", event, conversation: viewOf(c) });
    return event;
  }

  /** Marks a conversation changed: it is written and its deadlines recomputed before the commit. */
  touch(c: Conversation): void {
    this.touched = true;
    this.markDirty(c, false);
  }

  /** A whole-row change is never narrowed back to an activity-only one within a command. */
  private markDirty(c: Conversation, activityOnly: boolean): void {
    this.dirtyConversations.set(c, activityOnly && this.dirtyConversations.get(c) !== false);
  }

  /** Marks an operator changed: persisted and announced once per command. */
  touchOperator(op: OperatorRuntime): void {
    this.touched = true;
    this.dirtyOperators.add(op);
  }

  /** Marks state written directly through a store (inserts), so a failure triggers recovery. */
  markWritten(): void {
    this.touched = true;
  }

  /** Asks for the queues to be drained before the commit (capacity or eligibility may have freed). */
  requestDrain(): void {
    this.drainWanted = true;
  }

  /** An open conversation, or a stored (ended) one, or `conversation.not_found`. */
  load(id: string): Conversation {
    const c = this.conversations.get(id) ?? this.stores.conversations.get(id);
    if (!c) throw new AppError("conversation.not_found", `no conversation ${id}`);
    return c;
  }

  /** An open conversation, or the precise error (`conversation.not_found` / `conversation.ended`). */
  loadOpen(id: string): Conversation {
    const c = this.conversations.get(id);
    if (c) return c;
    this.load(id);
    throw new AppError("conversation.ended", `conversation ${id} has ended`);
  }
}
