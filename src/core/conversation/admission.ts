/**
 * Whether a visitor asking for help (a new chat or a re-escalation) may be served: outside opening
 * hours they get the after-hours outcome; if nobody can take them now they may wait, unless the
 * queue is closing before the end of service, nobody who serves them is connected, or their queue
 * is full (`queueSlotsPerOperator × connected operators`). A refusal offers the offline form.
 */
import type { ErrorCode } from "../errors";
import { effectiveHours } from "../hours/hours.resolve";
import { acceptsNewConversations, isOpen } from "../hours/hours.service";
import { queueKeyOf } from "../queue/queue.model";
import { hasCandidate } from "../routing/eligibility";
import { resolveTarget, type RoutingTarget } from "../routing/routing-target";
import type { RefusalReason } from "./conversation.events";
import type { EngineContext } from "./engine.context";

/** A refusal as the widget needs it: why, the stable code, the phrase to show, and the offline form. */
export interface Refusal {
  readonly reason: RefusalReason;
  readonly code: ErrorCode;
  readonly message: string;
  readonly offlineForm: true;
}

const CODES: Readonly<Record<RefusalReason, ErrorCode>> = {
  after_hours: "hours.closed",
  queue_closed: "queue.closed",
  queue_full: "queue.full",
  no_operator: "operator.unavailable",
};

/** The refusal for a reason, with the configured phrase. */
export function refusal(ctx: EngineContext, reason: RefusalReason): Refusal {
  const phrases = ctx.config.widget.phrases;
  const message = reason === "queue_full" ? phrases.queueFull : reason === "no_operator" ? phrases.noOperator : phrases.afterHours;
  return { reason, code: CODES[reason], message, offlineForm: true };
}

/** Refuses outside the opening hours that govern the conversation's department. */
export function hoursRefusal(ctx: EngineContext, c: Pick<RoutingTarget, "department">): Refusal | null {
  return isOpen(effectiveHours(ctx.config, c.department), ctx.now()) ? null : refusal(ctx, "after_hours");
}

/** For a conversation nobody can take right now: whether it may wait in its queue, or why not. */
export function queueRefusal(ctx: EngineContext, c: RoutingTarget): Refusal | null {
  const hours = effectiveHours(ctx.config, c.department);
  if (!acceptsNewConversations(hours, ctx.now(), ctx.config.timeouts.queueClosureBeforeEndMinutes)) return refusal(ctx, "queue_closed");
  const key = queueKeyOf(c);
  const { connected } = ctx.staffing.get(key, c);
  if (connected === 0) return refusal(ctx, "no_operator");
  const limit = ctx.config.capacity.queueSlotsPerOperator * connected;
  return ctx.queue.length(key) >= limit ? refusal(ctx, "queue_full") : null;
}

/** The admission decision: refused with why, or admitted with what routing found (null: it will wait). */
export type Admission<T> = { readonly admitted: false; readonly refusal: Refusal } | { readonly admitted: true; readonly routed: T | null };

/**
 * The one admission rule for a visitor asking for help: refused outside hours; admitted when
 * `route` finds someone now; otherwise it may wait unless the queue refuses. `route` is asked only
 * within hours (the start asks the routing strategy, the preview only whether anyone is free).
 */
export function admit<T>(ctx: EngineContext, c: RoutingTarget, route: () => T | null): Admission<T> {
  const closed = hoursRefusal(ctx, c);
  if (closed) return { admitted: false, refusal: closed };
  const routed = route();
  const full = routed === null ? queueRefusal(ctx, c) : null;
  return full ? { admitted: false, refusal: full } : { admitted: true, routed };
}

/** What a new conversation would get right now: accepted, or the reason it would be refused. */
export type AdmissionStatus = "accepted" | RefusalReason;

/**
 * Previews {@link admit} for a new conversation (department picked, page URL for URL rules) without
 * creating anything or asking the routing strategy: "accepted" when someone could take it now or it
 * may wait. A strategy that holds conversations in the queue on purpose is not consulted, so with a
 * full queue the real start may still be refused.
 */
export function previewAdmission(ctx: EngineContext, request: { readonly department?: string | null; readonly pageUrl?: string | null }): AdmissionStatus {
  const target = resolveTarget(ctx.config, request);
  const admission = admit(ctx, target, () => (hasCandidate(ctx, target) ? true : null));
  return admission.admitted ? "accepted" : admission.refusal.reason;
}
