/**
 * Starting a chat and re-escalating an ended one. Both ask admission first (hours, queue limits),
 * decide the operator without side effects, and only then persist: a refused visitor leaves no
 * half-created conversation behind, only a `chat.refused` signal for statistics.
 */
import type { Priority } from "../../plugins/api";
import { AppError } from "../errors";
import { assignTo, enqueue } from "../routing/assignment";
import { requireEligible } from "../routing/eligibility";
import { chooseOperator } from "../routing/router";
import { requiredSkills, resolveTarget } from "../routing/routing-target";
import { estimatedWaitMs } from "../queue/queue.queries";
import type { OperatorRuntime } from "../operator/operator.model";
import { admit, type Refusal } from "./admission";
import { SYSTEM, viewOf, type Actor, type AssignMode, type ConversationView } from "./conversation.events";
import { knownTimeZone, PRIORITIES, type Conversation } from "./conversation.model";
import type { EngineContext } from "./engine.context";

/** What the widget sends to start a chat (already schema-validated by the transport). */
export interface StartConversationInput {
  readonly visitor: {
    readonly id: string;
    readonly name?: string | null;
    readonly email?: string | null;
    readonly fields?: Readonly<Record<string, string>>;
    readonly pageUrl?: string | null;
    readonly referrer?: string | null;
    readonly userAgent?: string | null;
    readonly language?: string | null;
    /** IANA time zone from the browser; kept only when valid. */
    readonly timezone?: string | null;
  };
  /** The department the visitor picked (department routing mode). */
  readonly department?: string | null;
  readonly priority?: Priority;
  /** Skills this conversation needs beyond its department's. */
  readonly skills?: readonly string[];
  readonly tags?: readonly string[];
  /** The visitor's first question, stored as the first message. */
  readonly message?: { readonly text: string; readonly clientId: string };
}

/** What became of a start request. */
export type StartOutcome =
  | { readonly outcome: "assigned"; readonly conversation: ConversationView; readonly operatorId: string }
  | { readonly outcome: "queued"; readonly conversation: ConversationView; readonly position: number; readonly estimatedWaitMs: number | null }
  | ({ readonly outcome: "refused" } & Refusal);

/** The first-response deadline for a priority, counted from the request. */
export function slaDueAt(ctx: EngineContext, priority: Priority, requestedAt: number): number | null {
  const seconds = ctx.config.queue.slaSeconds[priority];
  return seconds === undefined ? null : requestedAt + seconds * 1000;
}

function newConversation(ctx: EngineContext, input: StartConversationInput): Conversation {
  const now = ctx.now();
  const priority = input.priority ?? ctx.config.conversations.defaultPriority;
  if (!PRIORITIES.includes(priority)) throw new AppError("request.invalid", `unknown priority "${priority}"`);
  const v = input.visitor;
  if (!v.id) throw new AppError("request.invalid", "a visitor id is required");
  const target = resolveTarget(ctx.config, { department: input.department ?? null, pageUrl: v.pageUrl ?? null });
  return {
    id: ctx.ids.next("conv"),
    visitor: { id: v.id, name: v.name ?? null, email: v.email ?? null, fields: v.fields ?? {}, pageUrl: v.pageUrl ?? null, referrer: v.referrer ?? null, userAgent: v.userAgent ?? null, language: v.language ?? null, timezone: knownTimeZone(v.timezone) },
    state: "pending",
    priority,
    department: target.department,
    targetOperatorIds: target.targetOperatorIds,
    requiredSkills: [...new Set(input.skills ?? [])],
    tags: [...new Set(input.tags ?? [])],
    important: false,
    operatorId: null,
    previousOperatorIds: [],
    capacityOverride: false,
    createdAt: now,
    requestedAt: now,
    enqueuedAt: null,
    slaDueAt: slaDueAt(ctx, priority, now),
    assignedAt: null,
    firstResponseAt: null,
    endedAt: null,
    endReason: null,
    lastVisitorActivityAt: now,
    visitorAwaitingReplySince: null,
    lastOperatorActivityAt: null,
    lastMessageAt: now,
    visitorReminderSentAt: null,
    reengagementSentAt: null,
    questionnaireOfferedAt: null,
    disconnectNoticeSentAt: null,
    stillBusyNoticeSentAt: null,
    firedDeadlines: {},
    visitorReadSeq: 0,
    operatorReadSeq: 0,
    lastSeq: 0,
  };
}

function refuse(ctx: EngineContext, r: Refusal, c: Pick<Conversation, "visitor" | "department">): StartOutcome {
  ctx.emit({ kind: "chat.refused", reason: r.reason, visitorId: c.visitor.id, department: c.department, at: ctx.now() });
  return { outcome: "refused", ...r };
}

/** Starts a chat: refused (offline form), assigned to an operator, or queued with position and estimate. */
export function startConversation(ctx: EngineContext, input: StartConversationInput): StartOutcome {
  const c = newConversation(ctx, input);
  const admission = admit(ctx, c, () => chooseOperator(ctx, c));
  if (!admission.admitted) return refuse(ctx, admission.refusal, c);
  const choice = admission.routed;

  const visitor: Actor = { kind: "visitor", id: c.visitor.id };
  ctx.markWritten();
  ctx.stores.conversations.insert(c);
  ctx.conversations.set(c.id, c);
  ctx.append(c, "conversation.created", visitor, { department: c.department, priority: c.priority, pageUrl: c.visitor.pageUrl, targetOperatorIds: c.targetOperatorIds });
  if (input.message) {
    const text = input.message.text.trim();
    if (text) {
      c.visitorAwaitingReplySince = c.createdAt;
      ctx.append(c, "message", visitor, { file: null }, { body: text, clientId: input.message.clientId });
    }
  }
  if (choice) {
    assignTo(ctx, c, choice.operator, { mode: "routing", by: SYSTEM, reason: choice.reason });
    return { outcome: "assigned", conversation: viewOf(c), operatorId: choice.operator.id };
  }
  const position = enqueue(ctx, c, "new");
  return { outcome: "queued", conversation: viewOf(c), position, estimatedWaitMs: estimatedWaitMs(ctx, c.id) };
}

/** What re-escalation did: back with an operator, queued, or refused (the conversation stays ended). */
export type ReescalationOutcome = { readonly outcome: "assigned"; readonly operatorId: string } | { readonly outcome: "queued"; readonly position: number } | ({ readonly outcome: "refused" } & Refusal);

/**
 * The visitor wrote again after the end (`conversations.keepOpenAfterEnd`): back to the previous
 * operator if they may take it now, else normal routing, else the queue; refused like a new chat
 * outside hours or when the queue is full. The caller has already appended the visitor's message.
 */
export function reescalate(ctx: EngineContext, c: Conversation): ReescalationOutcome {
  const previousId = c.operatorId ?? c.previousOperatorIds.at(-1) ?? null;
  const previous = previousId ? ctx.roster.get(previousId) : undefined;
  const admission = admit(ctx, c, (): { operator: OperatorRuntime; reason: string; mode: AssignMode } | null => {
    if (previous && isEligible(ctx, previous, c)) return { operator: previous, reason: "back to the previous operator", mode: "reescalation" };
    const choice = chooseOperator(ctx, c);
    return choice && { ...choice, mode: "routing" };
  });
  if (!admission.admitted) return refuseReescalation(ctx, c, admission.refusal);
  const routed = admission.routed;

  const now = ctx.now();
  c.requestedAt = now;
  c.slaDueAt = slaDueAt(ctx, c.priority, now);
  c.endedAt = null;
  c.endReason = null;
  c.firstResponseAt = null;
  ctx.conversations.set(c.id, c);
  ctx.append(c, "conversation.reescalated", { kind: "visitor", id: c.visitor.id }, { previousOperatorId: previousId });
  if (routed) {
    assignTo(ctx, c, routed.operator, { mode: routed.mode, by: SYSTEM, reason: routed.reason });
    return { outcome: "assigned", operatorId: routed.operator.id };
  }
  return { outcome: "queued", position: enqueue(ctx, c, "reescalation") };
}

/** Whether the operator may receive the conversation now (the eligibility rules, without the refusal). */
function isEligible(ctx: EngineContext, op: OperatorRuntime, c: Conversation): boolean {
  try {
    requireEligible(ctx, op, c);
    return true;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return false;
  }
}

function refuseReescalation(ctx: EngineContext, c: Conversation, r: Refusal): ReescalationOutcome {
  ctx.append(c, "notice", SYSTEM, { kind: r.reason, offlineForm: true }, { body: r.message });
  ctx.emit({ kind: "chat.refused", reason: r.reason, visitorId: c.visitor.id, department: c.department, at: ctx.now() });
  return { outcome: "refused", ...r };
}
