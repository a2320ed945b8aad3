/**
 * Routing decisions: find the eligible candidates for a conversation, let the configured strategy
 * choose (or keep it queued), and drain the queues whenever capacity may have freed. The strategy
 * is a plugin: whatever it returns is checked, and anything unusable (a throw, an id that is not a
 * candidate, a malformed answer) falls back to least-busy, so a bad plugin can never assign outside
 * the rules or lose a conversation.
 */
import type { RoutingDecision } from "../../plugins/api";
import { SYSTEM, type AssignMode } from "../conversation/conversation.events";
import type { Conversation } from "../conversation/conversation.model";
import type { EngineContext } from "../conversation/engine.context";
import type { OperatorRuntime } from "../operator/operator.model";
import { compareEntries, type QueueEntry } from "../queue/queue.model";
import { assignTo } from "./assignment";
import { candidatesFor, toCandidate, toRoutingConversation } from "./eligibility";

/**
 * The built-in safety net: the candidate with the most free capacity relative to their capacity,
 * then the one who waited longest since an assignment, then by id (deterministic).
 */
export function leastBusy(candidates: readonly OperatorRuntime[]): OperatorRuntime {
  let best = candidates[0]!;
  for (const op of candidates) {
    const load = op.active.size * best.capacity - best.active.size * op.capacity;
    if (load < 0 || (load === 0 && (op.lastAssignedAt < best.lastAssignedAt || (op.lastAssignedAt === best.lastAssignedAt && op.id < best.id)))) best = op;
  }
  return best;
}

/** Asks the strategy, and checks its answer. */
function decide(ctx: EngineContext, c: Conversation, candidates: readonly OperatorRuntime[]): { operator: OperatorRuntime; reason: string } | null {
  let decision: RoutingDecision | undefined;
  try {
    decision = ctx.pick({ conversation: toRoutingConversation(ctx.config, c), candidates: candidates.map(toCandidate), now: ctx.now() });
  } catch (error) {
    ctx.logger.warn("routing strategy threw; using least-busy", { conversationId: c.id, error: String(error) });
  }
  if (decision && "queue" in decision && decision.queue === true) return null;
  const chosen = decision && "operatorId" in decision ? candidates.find((op) => op.id === decision.operatorId) : undefined;
  if (chosen) return { operator: chosen, reason: decision!.reason };
  if (decision) ctx.logger.warn("routing strategy returned an unusable decision; using least-busy", { conversationId: c.id, decision });
  return { operator: leastBusy(candidates), reason: "least-busy fallback" };
}

/** Options of one routing attempt. */
export interface RouteOptions {
  /** Operators not to consider (the one a conversation is transferred away from). */
  readonly exclude?: ReadonlySet<string>;
  readonly mode?: AssignMode;
}

/** The operator routing would give the conversation now (no side effect), or null when nobody / the strategy queues it. */
export function chooseOperator(ctx: EngineContext, c: Conversation, options: RouteOptions = {}): { operator: OperatorRuntime; reason: string } | null {
  const candidates = candidatesFor(ctx, c, options.exclude);
  return candidates.length === 0 ? null : decide(ctx, c, candidates);
}

/**
 * Assigns the conversation now if the strategy picks one of its eligible candidates; returns the
 * operator, or null when nobody is eligible or the strategy keeps it queued.
 */
export function routeNow(ctx: EngineContext, c: Conversation, options: RouteOptions = {}): OperatorRuntime | null {
  const choice = chooseOperator(ctx, c, options);
  if (!choice) return null;
  assignTo(ctx, c, choice.operator, { mode: options.mode ?? "routing", by: SYSTEM, reason: choice.reason });
  return choice.operator;
}

/**
 * Assigns waiting conversations while someone can take them, always serving the best head across
 * queues first (priority, SLA, arrival). A queue whose head cannot be placed is skipped for the rest
 * of the pass (its other conversations share the same candidates). Cheap when nobody is available.
 */
export function drainQueues(ctx: EngineContext): void {
  const blocked = new Set<string>();
  while (ctx.queue.size > 0 && ctx.roster.available.size > 0) {
    let best: QueueEntry | undefined;
    for (const key of ctx.queue.keys()) {
      if (blocked.has(key)) continue;
      const head = ctx.queue.head(key)!;
      if (!best || compareEntries(head, best) < 0) best = head;
    }
    if (!best) return;
    const c = ctx.conversations.get(best.conversationId);
    if (!c) {
      ctx.logger.error("queued conversation missing from memory; dropping it from the queue", { conversationId: best.conversationId });
      ctx.queue.remove(best.conversationId);
      continue;
    }
    if (!routeNow(ctx, c)) blocked.add(best.queueKey);
  }
}
