/**
 * Announces opening-hours boundaries as they happen — service opens, the queue stops taking
 * newcomers (`queueClosureBeforeEndMinutes` before the end), service closes, an operator's shift
 * starts or ends — so the engine can tell waiting visitors, close the queue or re-run assignment.
 * The next boundary of every schedule is computed from the calendar (`nextHoursTransition`) and one
 * timer is armed for the earliest: no polling.
 */
import type { Clock } from "../core/clock";
import type { Config, OpeningHoursConfig } from "../config/schema";
import { acceptsNewConversations, isOpen, nextHoursTransition, type HoursTransition, type HoursTransitionKind } from "../core/hours/hours.service";
import type { Logger } from "../observability/logger";
import { MAX_TIMER_DELAY_MS, type TimerDriver, type TimerHandle } from "./timer-driver";

/**
 * Whose schedule changed. `global` also governs departments without their own hours and operators
 * without a shift or departments; `department` and `operator` are reported only for those with their
 * own schedule.
 */
export type HoursScope = { readonly kind: "global" } | { readonly kind: "department"; readonly departmentId: string } | { readonly kind: "operator"; readonly operatorId: string };

/** One boundary crossed (or a state change caused by a config reload). */
export interface HoursTransitionEvent {
  readonly scope: HoursScope;
  readonly kind: HoursTransitionKind;
  /** When the boundary was (the time it fired may be a little later). */
  readonly at: number;
  /** The state now, so a listener needs no second lookup. */
  readonly open: boolean;
  readonly acceptingNewConversations: boolean;
  /** The following boundary, e.g. for "we close at 18:00" or "back at 09:00". */
  readonly next: HoursTransition | null;
}

/** A listener; a throwing listener is logged and does not stop the others. */
export type HoursTransitionListener = (event: HoursTransitionEvent) => void;

/** The config the watcher reads (a getter, so a hot reload is picked up on `refresh`). */
export type HoursWatchConfig = Pick<Config, "openingHours" | "departments" | "operators" | "timeouts">;

/** What the watcher runs on. */
export interface HoursWatcherDeps {
  readonly config: () => HoursWatchConfig;
  readonly clock: Clock;
  readonly timers: TimerDriver;
  readonly logger: Pick<Logger, "error">;
}

interface Watched {
  readonly scope: HoursScope;
  readonly hours: OpeningHoursConfig;
  /** Queue-closure margin: conversation schedules use the config's; operator shifts have none. */
  readonly closureMinutes: number;
  state: { open: boolean; accepting: boolean };
  next: HoursTransition | null;
}

const scopeId = (s: HoursScope) => (s.kind === "global" ? "global" : s.kind === "department" ? `department:${s.departmentId}` : `operator:${s.operatorId}`);
/** Catch-up bound after a long suspension: boundaries missed beyond this are collapsed into one event. */
const MAX_CATCH_UP = 1_000;

/** How a state change reads as a boundary: closed, (re)opened, or the queue closing while still open. */
function changeKind(before: Watched["state"], after: Watched["state"]): HoursTransitionKind {
  if (!after.open) return "closed";
  if (!before.open || after.accepting) return "opened";
  return "queue-closed";
}

/** Every schedule of the config worth watching. */
export function watchedSchedules(config: HoursWatchConfig): { scope: HoursScope; hours: OpeningHoursConfig; closureMinutes: number }[] {
  const closure = config.timeouts.queueClosureBeforeEndMinutes;
  const list: { scope: HoursScope; hours: OpeningHoursConfig; closureMinutes: number }[] = [];
  if (config.openingHours) list.push({ scope: { kind: "global" }, hours: config.openingHours, closureMinutes: closure });
  for (const d of config.departments) if (d.openingHours) list.push({ scope: { kind: "department", departmentId: d.id }, hours: d.openingHours, closureMinutes: closure });
  for (const o of config.operators) if (o.shift) list.push({ scope: { kind: "operator", operatorId: o.id }, hours: o.shift, closureMinutes: 0 });
  return list;
}

/** Watches every schedule and emits {@link HoursTransitionEvent}s at their boundaries. */
export class HoursTransitionWatcher {
  private watched = new Map<string, Watched>();
  private listeners = new Set<HoursTransitionListener>();
  private timer: TimerHandle | null = null;
  private started = false;

  constructor(private readonly deps: HoursWatcherDeps) {}

  /** Subscribes; returns the unsubscribe function. */
  onTransition(listener: HoursTransitionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Computes every schedule's state and next boundary, and arms the timer. Emits nothing: the engine reads the state at boot. */
  start(): void {
    this.started = true;
    this.refresh();
  }

  /**
   * Re-reads the config (call after a hot reload). A schedule whose state differs from before
   * (hours edited so it is now closed, say) emits an event at once; new schedules emit nothing.
   */
  refresh(): void {
    if (!this.started) return;
    const now = this.deps.clock.now();
    const previous = this.watched;
    this.watched = new Map();
    for (const { scope, hours, closureMinutes } of watchedSchedules(this.deps.config())) {
      const entry: Watched = { scope, hours, closureMinutes, state: this.stateAt(hours, closureMinutes, now), next: nextHoursTransition(hours, now, closureMinutes) };
      this.watched.set(scopeId(scope), entry);
      const before = previous.get(scopeId(scope))?.state;
      if (before && (before.open !== entry.state.open || before.accepting !== entry.state.accepting)) {
        this.emit(entry, changeKind(before, entry.state), now);
      }
    }
    this.arm();
  }

  /** Disarms; listeners stay registered. */
  stop(): void {
    this.started = false;
    if (this.timer !== null) this.deps.timers.clear(this.timer);
    this.timer = null;
  }

  private stateAt(hours: OpeningHoursConfig, closureMinutes: number, at: number) {
    return { open: isOpen(hours, at), accepting: acceptsNewConversations(hours, at, closureMinutes) };
  }

  private arm(): void {
    if (this.timer !== null) this.deps.timers.clear(this.timer);
    this.timer = null;
    let earliest: number | null = null;
    for (const w of this.watched.values()) if (w.next && (earliest === null || w.next.at < earliest)) earliest = w.next.at;
    if (earliest === null || !this.started) return;
    const delay = Math.min(Math.max(0, earliest - this.deps.clock.now()), MAX_TIMER_DELAY_MS);
    this.timer = this.deps.timers.set(() => this.fire(), delay);
  }

  /** Emits for every schedule whose boundary has passed (one event per schedule, its latest boundary), then re-arms. */
  private fire(): void {
    this.timer = null;
    const now = this.deps.clock.now();
    for (const w of this.watched.values()) {
      if (!w.next || w.next.at > now) continue;
      let crossed = w.next;
      let next = nextHoursTransition(w.hours, crossed.at, w.closureMinutes);
      for (let i = 0; next && next.at <= now && i < MAX_CATCH_UP; i++) {
        crossed = next;
        next = nextHoursTransition(w.hours, crossed.at, w.closureMinutes);
      }
      w.next = next;
      w.state = this.stateAt(w.hours, w.closureMinutes, now);
      this.emit(w, crossed.kind, crossed.at);
    }
    this.arm();
  }

  private emit(w: Watched, kind: HoursTransitionKind, at: number): void {
    const event: HoursTransitionEvent = { scope: w.scope, kind, at, open: w.state.open, acceptingNewConversations: w.state.accepting, next: w.next };
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.deps.logger.error("hours transition listener failed", { scope: scopeId(w.scope), kind, error });
      }
    }
  }
}
