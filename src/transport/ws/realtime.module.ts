/**
 * The realtime layer in one call: hub, engine fan-out, both sockets, their periodic work
 * (heartbeats, ledger sweep, session re-validation) and shutdown. The composition root calls
 * `createRealtime` once with the engine and auth modules and mounts `routes`.
 */
import type { AnyElysia } from "elysia";
import type { AuthModule } from "../../auth/auth.module";
import type { Config, OperatorConfig } from "../../config/schema";
import type { Clock } from "../../core/clock";
import type { Engine } from "../../core/engine";
import type { Logger } from "../../observability/logger";
import type { Metrics } from "../../observability/metrics";
import { staffView } from "../../realtime/conversation-views";
import type { OperatorDirectory } from "../../realtime/event-view";
import { createFanout, type Fanout } from "../../realtime/fanout";
import { Hub } from "../../realtime/hub";
import { timerScheduler, type Scheduler } from "../../realtime/scheduler";
import { VisitorConversationIndex } from "../../realtime/visitor-index";
import type { CommandAckStore } from "../../storage/repositories/command-acks.repository";
import { CommandLedger, DEFAULT_LEDGER } from "./command-ledger";
import { FrameCounters } from "./frame-counter";
import { CommandQueue, OutputGate, type BatchTransaction } from "./group-commit";
import type { Connection } from "./connection";
import { DEFAULT_HEARTBEAT, HeartbeatMonitor, type HeartbeatOptions } from "./heartbeat";
import { OperatorRegistry } from "./operator-registry";
import { operatorSocket } from "./operator.socket";
import { CLOSE_CODES } from "./protocol";
import { DEFAULT_SOCKET_LIMITS, type QuestionnaireAnswers, type RealtimeDeps, type SocketLimits } from "./realtime.deps";
import { visitorSocket } from "./visitor.socket";
import type { VisitorSession } from "./visitor.session";

/** What the realtime layer is built from. */
export interface RealtimeModuleDeps {
  readonly engine: Engine;
  readonly auth: AuthModule;
  readonly config: () => Config;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics?: Metrics;
  readonly files?: RealtimeDeps["files"];
  readonly questionnaires?: QuestionnaireAnswers;
  /** Chat between operators, stored. */
  readonly teamChat: RealtimeDeps["teamChat"];
  /** Deferred work (coalescing); tests pass a manual one. */
  readonly scheduler?: Scheduler;
  readonly heartbeat?: HeartbeatOptions;
  readonly limits?: SocketLimits;
  /** Run the periodic work on timers (default true; tests call `tick()` themselves). */
  readonly timers?: boolean;
  /**
   * One database transaction around a batch of socket commands (group commit); without it every
   * command commits on its own (in-memory stores in tests).
   */
  readonly batch?: BatchTransaction;
  /** A batch COMMIT failed: the engine's memory is ahead of the store; the server must restart. */
  readonly onCommitFailure?: (error: unknown) => void;
  /**
   * Where acks of state-changing commands are stored, in the batch transaction, so retries are answered
   * across restarts; without it the ledger is memory only (in-memory stores in tests).
   */
  readonly acks?: CommandAckStore;
}

/** The running realtime layer. */
export interface RealtimeModule {
  /** The socket route plugins to mount. */
  readonly routes: readonly AnyElysia[];
  readonly hub: Hub;
  readonly fanout: Fanout;
  readonly operators: OperatorRegistry;
  /** Operator names and avatars from the live config (for REST views). */
  readonly directory: OperatorDirectory;
  /** Close every socket of an operator (their session was revoked). */
  closeOperator(operatorId: string, reason: string): number;
  /** Close every widget socket of a visitor with 4003 `unauthorized` (the visitor was erased); how many. */
  closeVisitor(visitorId: string, reason: string): number;
  /** Heartbeats now (the timers call it; tests call it after moving the clock). */
  tick(): void;
  /** Close every socket ("server restarting": clients reconnect and resume) and stop all periodic work. */
  stop(): void;
}

/** How often the periodic work runs. */
const HOUSEKEEPING_MS = 60_000;
/** How often the batched frame counts reach the Prometheus counters. */
const FRAME_COUNTS_MS = 1000;

/** Operator names and avatars from the live config, indexed once per config snapshot. */
function directoryOf(config: () => Config): OperatorDirectory {
  const cache = new WeakMap<Config, Map<string, OperatorConfig>>();
  return {
    operator(id) {
      const current = config();
      let byId = cache.get(current);
      if (!byId) cache.set(current, (byId = new Map(current.operators.map((o) => [o.id, o]))));
      const op = byId.get(id);
      return op ? { id: op.id, name: op.name, ...(op.avatarUrl ? { avatarUrl: op.avatarUrl } : {}) } : null;
    },
  };
}

/** Builds the realtime layer and subscribes it to the engine. */
export function createRealtime(deps: RealtimeModuleDeps): RealtimeModule {
  const { engine, logger } = deps;
  const hub = new Hub();
  hub.onSubscriberError = (err, topic) => logger.error("realtime delivery failed", { err, topic });
  const directory = directoryOf(deps.config);
  const registry = new OperatorRegistry(engine, logger);
  const fanout = createFanout({
    hub,
    directory,
    scheduler: deps.scheduler ?? timerScheduler,
    onQueueLengths: (lengths) => registry.updateQueue(lengths),
    queries: {
      staffView: (id) => staffView(engine, id),
      queueStandings: (key, from) => engine.queueStandings(key, from),
      queueLengths: () => engine.queueLengths(),
      operators: () => engine.operators(),
    },
  });
  const unsubscribe = engine.subscribe(fanout.listener);
  const visitors = new VisitorConversationIndex();
  const visitorSessions = new Set<VisitorSession>();
  for (const c of engine.openConversations()) visitors.set(c.visitorId, c.id);
  const heartbeat = new HeartbeatMonitor<Connection>(deps.clock, deps.heartbeat ?? DEFAULT_HEARTBEAT);
  const ledger = new CommandLedger(deps.clock, DEFAULT_LEDGER, deps.acks ?? null);
  const output = new OutputGate();
  const frameCounters = new FrameCounters();
  const commands = new CommandQueue(deps.batch ?? null, output, (error, dropped) => {
    logger.error("group commit failed; nothing of the batch was sent", { err: error, droppedFrames: dropped });
    deps.onCommitFailure?.(error);
  });
  const socketDeps: RealtimeDeps = {
    engine,
    auth: deps.auth,
    hub,
    fanout,
    clock: deps.clock,
    config: deps.config,
    directory,
    ledger,
    heartbeat,
    visitors,
    visitorSessions,
    logger,
    metrics: deps.metrics,
    frameCounters,
    files: deps.files,
    questionnaires: deps.questionnaires,
    teamChat: deps.teamChat,
    limits: { ...(deps.limits ?? DEFAULT_SOCKET_LIMITS), output },
    commands,
  };

  const timers: ReturnType<typeof setInterval>[] = [];
  if (deps.timers !== false) {
    const beatEvery = Math.max(1000, Math.floor((deps.heartbeat ?? DEFAULT_HEARTBEAT).intervalMs / 5));
    timers.push(setInterval(() => heartbeat.tick(), beatEvery));
    timers.push(setInterval(() => frameCounters.flush(), FRAME_COUNTS_MS));
    timers.push(
      setInterval(() => {
        try {
          ledger.sweep();
        } catch (err) {
          logger.error("pruning old command acks failed; retrying at the next sweep", { err });
        }
        registry.checkSessions();
      }, HOUSEKEEPING_MS),
    );
    for (const t of timers) t.unref?.();
  }

  return {
    routes: [visitorSocket(socketDeps), operatorSocket(socketDeps, registry)],
    hub,
    fanout,
    operators: registry,
    directory,
    closeOperator: (id, reason) => registry.closeOperator(id, reason),
    closeVisitor(id, reason) {
      let closed = 0;
      for (const session of visitorSessions) {
        if (session.visitorId !== id) continue;
        session.connection.close(CLOSE_CODES.unauthorized, reason);
        closed++;
      }
      return closed;
    },
    tick: () => heartbeat.tick(),
    stop() {
      for (const t of timers) clearInterval(t);
      frameCounters.flush();
      unsubscribe();
      fanout.stop();
      for (const c of heartbeat.connections()) c.close(CLOSE_CODES.goingAway, "server restarting; reconnect and resume");
    },
  };
}
