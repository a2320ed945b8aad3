/**
 * Per-plugin fault tracking shared by the routing and questionnaire guards. Synchronous plugin
 * code cannot be interrupted, so a slow or failing plugin is detected after the fact; after a few
 * faulty calls in a row it is "degraded" and bypassed until the next reload. Health is keyed by the
 * definition object, and a reload builds new definitions, so a reload is a fresh start.
 */
import type { PluginLogger } from "./api";

/** Faulty calls in a row after which a plugin is bypassed until reload. */
export const DEFAULT_DEGRADE_AFTER = 3;

/** How the guards watch a plugin call. */
export interface GuardOptions {
  /** A call slower than this is a fault (`plugins.timeoutMs`). */
  readonly timeoutMs: number;
  readonly logger: PluginLogger;
  /** Monotonic milliseconds; `performance.now` by default, a manual clock in tests. */
  readonly timer?: () => number;
  /** Faulty calls in a row (slow, throwing or invalid) before the plugin is bypassed. */
  readonly degradeAfter?: number;
}

/** What is known about a plugin's recent behaviour, for logs and the plugin listing. */
export interface PluginHealth {
  readonly degraded: boolean;
  readonly consecutiveFaults: number;
  readonly totalFaults: number;
  readonly lastFault: string | null;
}

const HEALTHY: PluginHealth = Object.freeze({ degraded: false, consecutiveFaults: 0, totalFaults: 0, lastFault: null });
const healthByPlugin = new WeakMap<object, PluginHealth>();

/** The current health of a plugin definition. */
export function pluginHealth(plugin: object): PluginHealth {
  return healthByPlugin.get(plugin) ?? HEALTHY;
}

/** Whether the guards bypass this plugin (until reload). */
export function isDegraded(plugin: object): boolean {
  return pluginHealth(plugin).degraded;
}

/**
 * Records one call: `fault` is null for a good call. Logs the degradation once, when the limit of
 * faults in a row is reached.
 */
function recordCall(plugin: { readonly id: string }, fault: string | null, options: GuardOptions): void {
  const before = pluginHealth(plugin);
  if (fault === null) {
    if (before.consecutiveFaults !== 0) healthByPlugin.set(plugin, { ...before, consecutiveFaults: 0 });
    return;
  }
  const consecutiveFaults = before.consecutiveFaults + 1;
  const limit = options.degradeAfter ?? DEFAULT_DEGRADE_AFTER;
  const degraded = before.degraded || consecutiveFaults >= limit;
  healthByPlugin.set(plugin, { degraded, consecutiveFaults, totalFaults: before.totalFaults + 1, lastFault: fault });
  if (degraded && !before.degraded) {
    options.logger.error("plugin degraded: bypassed until the next reload", { plugin: plugin.id, faultsInARow: consecutiveFaults, lastFault: fault });
  }
}

/** Runs `call`, timing it; a throw is captured, never propagated. */
function timedCall<T>(call: () => T, options: GuardOptions): { value?: T; error?: unknown; elapsedMs: number } {
  const timer = options.timer ?? (() => performance.now());
  const started = timer();
  try {
    const value = call();
    return { value, elapsedMs: timer() - started };
  } catch (error) {
    return { error, elapsedMs: timer() - started };
  }
}

/** The fault description for a call that was too slow, or null. */
function slowness(elapsedMs: number, options: GuardOptions): string | null {
  return elapsedMs > options.timeoutMs ? `took ${Math.round(elapsedMs)} ms (limit ${options.timeoutMs} ms)` : null;
}

/** A thrown value as a one-line reason. */
function errorReason(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : `threw ${String(error)}`;
}

/** How {@link watchedCall} names a call in its log lines. */
export interface CallLabels {
  /** The method called: `pick`, `questions`, `score`. */
  readonly call: string;
  readonly slowMessage: string;
  readonly failureMessage: string;
  /** Extra fields for both lines (e.g. the conversation id). */
  readonly fields?: Record<string, unknown>;
}

/**
 * One plugin call under watch: timed, its result checked by `check`, slowness and failure logged,
 * the outcome recorded toward degradation. A slow call with a good result is still a success for
 * the caller (its result is used) but counts as a fault.
 */
export function watchedCall<T>(
  plugin: { readonly id: string },
  run: () => unknown,
  check: (value: unknown) => string | null,
  guard: GuardOptions,
  labels: CallLabels,
): { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string } {
  const outcome = timedCall(run, guard);
  const fields = { plugin: plugin.id, call: labels.call, ...labels.fields, elapsedMs: Math.round(outcome.elapsedMs) };
  const slow = slowness(outcome.elapsedMs, guard);
  if (slow) guard.logger.warn(labels.slowMessage, { ...fields, limitMs: guard.timeoutMs });
  const problem = "error" in outcome ? errorReason(outcome.error) : check(outcome.value);
  recordCall(plugin, problem ?? slow, guard);
  if (problem === null) return { ok: true, value: outcome.value as T };
  guard.logger.error(labels.failureMessage, { ...fields, problem, ...("error" in outcome ? { error: outcome.error } : {}) });
  return { ok: false, problem };
}
