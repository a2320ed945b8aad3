/**
 * Isolation for routing strategies. A strategy that throws, answers with someone who is not a
 * candidate, returns something that is not a decision, or is bypassed as degraded, is replaced by
 * the built-in fallback for that call: the conversation is always routed or queued, never lost.
 * A slow strategy cannot be interrupted (it is synchronous); its decision is still used, the
 * slowness is logged and counted toward degradation.
 */
import type { PluginLogger, RoutingCandidate, RoutingConversation, RoutingDecision, RoutingInput, RoutingStrategy } from "./api";
import { describe } from "./definition";
import { isDegraded, watchedCall, type GuardOptions } from "./health";

/** A strategy together with its validated options: what the router actually calls. */
export interface BoundStrategy<O = unknown> {
  readonly strategy: RoutingStrategy<O>;
  readonly options: O;
}

/** What the router tells the core: the decision, which strategy made it, and whether it was the fallback. */
export type GuardedDecision = RoutingDecision & {
  readonly strategyId: string;
  /** True when the configured strategy was bypassed for this call. */
  readonly fallback: boolean;
};

/** A routing request as the core makes it (options come from the bound strategy). */
export type RoutingRequest = Omit<RoutingInput, "options">;

/**
 * Calls `strategy` under guard and falls back to `fallback` (the built-in least-busy) when it
 * misbehaves. Never throws; with no candidates it queues without calling anything.
 */
export function safePick<O>(strategy: RoutingStrategy<O>, input: RoutingInput<O>, fallback: BoundStrategy, options: GuardOptions): GuardedDecision {
  if (input.candidates.length === 0) return { queue: true, reason: "no operator available", strategyId: strategy.id, fallback: false };
  const request = copyRequest(input);
  if (isDegraded(strategy)) return callFallback(fallback, input, options.logger, `strategy "${strategy.id}" is degraded`);

  const labels = { call: "pick", slowMessage: "routing strategy is slow", failureMessage: "routing strategy failed; using the built-in fallback", fields: { conversationId: input.conversation.id } };
  const result = watchedCall<RoutingDecision>(strategy, () => strategy.pick({ ...request, options: input.options }), (value) => decisionProblem(value, input.candidates), options, labels);
  if (result.ok) return { ...normalize(result.value), strategyId: strategy.id, fallback: false };
  return callFallback(fallback, input, options.logger, `strategy "${strategy.id}" failed`);
}

/** Why `value` is not an acceptable decision among `candidates`, or null if it is. */
export function decisionProblem(value: unknown, candidates: readonly RoutingCandidate[]): string | null {
  if (typeof (value as { then?: unknown } | null)?.then === "function") return "pick returned a Promise: it must decide synchronously";
  if (typeof value !== "object" || value === null) return `pick returned ${describe(value)} instead of a decision`;
  const decision = value as Record<string, unknown>;
  if (typeof decision.reason !== "string" || decision.reason.trim() === "") return `the decision has no reason (got ${describe(decision.reason)})`;
  const hasOperator = "operatorId" in decision;
  if (hasOperator === (decision.queue === true)) return "a decision must have either operatorId or queue: true";
  if (!hasOperator) return null;
  const id = decision.operatorId;
  if (typeof id !== "string") return `operatorId must be a string, got ${describe(id)}`;
  if (!candidates.some((c) => c.id === id)) return `picked operator ${JSON.stringify(id)}, who is not among the ${candidates.length} candidates`;
  return null;
}

function normalize(decision: RoutingDecision): RoutingDecision {
  return "operatorId" in decision ? { operatorId: decision.operatorId, reason: decision.reason } : { queue: true, reason: decision.reason };
}

function callFallback(fallback: BoundStrategy, request: RoutingRequest, logger: PluginLogger, why: string): GuardedDecision {
  const strategyId = fallback.strategy.id;
  try {
    const decision = fallback.strategy.pick({ ...request, options: fallback.options });
    const problem = decisionProblem(decision, request.candidates);
    if (problem === null) return { ...normalize(decision), reason: `${decision.reason} (${why})`, strategyId, fallback: true };
    logger.error("fallback routing strategy returned an invalid decision; queueing", { plugin: strategyId, problem });
  } catch (error) {
    logger.error("fallback routing strategy threw; queueing", { plugin: strategyId, error });
  }
  return { queue: true, reason: `routing failed, kept in the queue (${why})`, strategyId, fallback: true };
}

/**
 * Copies of the request, so a strategy that sorts or edits its input (a contract violation the
 * contract suite catches) cannot change the core's state. Copies rather than frozen objects:
 * freezing 500 candidates' arrays costs 20 times more than copying them (scripts/bench-plugins.ts).
 */
function copyRequest(input: RoutingRequest): RoutingRequest {
  const c: RoutingConversation = input.conversation;
  const conversation = { ...c, requiredSkills: [...c.requiredSkills], previousOperatorIds: [...c.previousOperatorIds] };
  const candidates = input.candidates.map((o) => ({ ...o, skills: [...o.skills], departments: [...o.departments] }));
  return { conversation, candidates, now: input.now };
}
