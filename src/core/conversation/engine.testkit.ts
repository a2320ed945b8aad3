/**
 * Test kit for the engine: a config builder (the real schema with its defaults), a scheduler fake
 * that fires due deadlines when the manual clock is advanced, and a harness wiring an engine to
 * in-memory stores. Shared by the core tests and the routing benchmark; never used in production.
 */
import { Value } from "@sinclair/typebox/value";
import { ConfigSchema, type Config, type Role } from "../../config/schema";
import type { RoutingCandidate, RoutingDecision } from "../../plugins/api";
import { ManualClock, SequentialIds } from "../clock";
import { createEngine, type Engine } from "../engine";
import type { Actor, EngineEvent } from "./conversation.events";
import type { EngineStores } from "./conversation.ports";
import type { DeadlineScheduler, RoutingPicker } from "./engine.context";
import { memoryStores, type MemoryStores } from "./memory.repository";

/** A config object from a partial one, with the schema's defaults filled in; throws when invalid. */
export function makeConfig(partial: Record<string, unknown>): Config {
  const config = Value.Default(ConfigSchema, Value.Clone(partial)) as Config;
  if (!Value.Check(ConfigSchema, config)) {
    const problems = [...Value.Errors(ConfigSchema, config)].map((e) => `${e.path}: ${e.message}`);
    throw new Error(`invalid test config: ${problems.join("; ")}`);
  }
  return config;
}

/** An operator entry for `operators:`. */
export function operator(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, name: id.charAt(0).toUpperCase() + id.slice(1), email: `${id}@example.com`, ...extra };
}

/** Least busy relative to capacity, then least recently assigned, then id: a deterministic strategy for tests. */
export function leastBusyPick(candidates: readonly RoutingCandidate[]): RoutingDecision {
  let best = candidates[0]!;
  for (const c of candidates) {
    const load = c.activeConversations * best.capacity - best.activeConversations * c.capacity;
    if (load < 0 || (load === 0 && (c.lastAssignedAt < best.lastAssignedAt || (c.lastAssignedAt === best.lastAssignedAt && c.id < best.id)))) best = c;
  }
  return { operatorId: best.id, reason: "least busy" };
}

/** The default test picker. */
export const leastBusyPicker: RoutingPicker = ({ candidates }) => leastBusyPick(candidates);

/** A deadline as the fake scheduler holds it. */
export interface FakeDeadline {
  readonly key: string;
  readonly kind: string;
  readonly dueAt: number;
  readonly payload: Record<string, unknown>;
}

/** Keeps deadlines in a map; `fireDue` hands the due ones to the engine in due order, like src/jobs does. */
export class FakeScheduler implements DeadlineScheduler {
  readonly deadlines = new Map<string, FakeDeadline>();

  set(key: string, kind: string, dueAt: number, payload: Record<string, unknown> = {}): void {
    this.deadlines.set(key, { key, kind, dueAt, payload });
  }

  cancelForConversation(conversationId: string): void {
    for (const d of [...this.deadlines.values()]) if (d.payload.conversationId === conversationId) this.deadlines.delete(d.key);
  }

  cancel(key: string): void {
    this.deadlines.delete(key);
  }

  /** Deadlines of one conversation by kind → due time. */
  of(conversationId: string): Record<string, number> {
    const result: Record<string, number> = {};
    for (const d of this.deadlines.values()) if (d.payload.conversationId === conversationId) result[d.kind] = d.dueAt;
    return result;
  }

  /** Fires every deadline due at `now` (including ones armed by earlier firings), earliest first. */
  fireDue(engine: Engine, now: number): FakeDeadline[] {
    const fired: FakeDeadline[] = [];
    for (let guard = 0; guard < 10_000; guard++) {
      const next = [...this.deadlines.values()].filter((d) => d.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt || (a.key < b.key ? -1 : 1))[0];
      if (!next) return fired;
      this.deadlines.delete(next.key);
      fired.push(next);
      engine.handleDeadline(next.kind, typeof next.payload.conversationId === "string" ? next.payload.conversationId : null, next.payload);
    }
    throw new Error("deadlines keep firing: a deadline re-arms itself at a past time");
  }
}

/** An engine on in-memory stores with a manual clock, its events recorded. */
export interface Harness {
  readonly engine: Engine;
  readonly clock: ManualClock;
  readonly stores: MemoryStores;
  readonly scheduler: FakeScheduler;
  readonly events: EngineEvent[];
  /** Advances the clock and fires what became due. */
  advance(ms: number): FakeDeadline[];
  /** Builds a second engine on the same stores and scheduler (a restart). */
  restart(config?: Config): Harness;
}

/** Options of `harness`. */
export interface HarnessOptions {
  readonly picker?: (config: Config) => RoutingPicker;
  readonly clock?: ManualClock;
  /** Defaults to fresh in-memory stores; pass SQLite ones to test persistence (then `stores` rows are not inspectable). */
  readonly stores?: EngineStores;
  readonly scheduler?: FakeScheduler;
  readonly ids?: SequentialIds;
}

/** Wires an engine for a test. */
export function harness(config: Config, options: HarnessOptions = {}): Harness {
  const clock = options.clock ?? new ManualClock();
  const stores = (options.stores ?? memoryStores()) as MemoryStores;
  const scheduler = options.scheduler ?? new FakeScheduler();
  const ids = options.ids ?? new SequentialIds();
  const engine = createEngine({ config, clock, ids, stores, scheduler, routing: options.picker ?? (() => leastBusyPicker) });
  const events: EngineEvent[] = [];
  engine.subscribe((e) => events.push(e));
  return {
    engine,
    clock,
    stores,
    scheduler,
    events,
    advance(ms) {
      clock.advance(ms);
      return scheduler.fireDue(engine, clock.now());
    },
    restart(next = config) {
      return harness(next, { ...options, clock, stores, scheduler, ids });
    },
  };
}

/** A visitor actor. */
export const visitor = (id: string): Actor => ({ kind: "visitor", id });
/** A staff actor. */
export const staff = (id: string, role: Role = "operator"): Extract<Actor, { kind: "operator" }> => ({ kind: "operator", id, role });

/** The AppError code `fn` throws ("no error" when it does not throw), for table-driven refusal tests. */
export function codeOf(fn: () => unknown): string {
  try {
    fn();
    return "no error";
  } catch (error) {
    return (error as { code?: string }).code ?? `not an AppError: ${String(error)}`;
  }
}

/** Types of the stored events a conversation has produced so far, in seq order. */
export function eventTypes(h: Pick<Harness, "stores">, conversationId: string): string[] {
  return (h.stores.events.logs.get(conversationId) ?? []).map((e) => e.type);
}
