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
import { hoursRefusal, queueRefusal, type Refusal } from "./admission";
import { SYSTEM, viewOf, type Actor, type ConversationView } from "./conversation.events";
import { PRIORITIES, type Conversation } from "./conversation.model";
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
    visitor: { id: v.id, name: v.name ?? null, email: v.email ?? null, fields: v.fields ?? {}, pageUrl: v.pageUrl ?? null, referrer: v.referrer ?? null, userAgent: v.userAgent ?? null, language: v.language ?? null },
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
  const closed = hoursRefusal(ctx, c);
  if (closed) return refuse(ctx, closed, c);
  const choice = chooseOperator(ctx, c);
  const full = choice ? null : queueRefusal(ctx, c);
  if (full) return refuse(ctx, full, c);

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
  const closed = hoursRefusal(ctx, c);
  if (closed) return refuseReescalation(ctx, c, closed);
  const previousId = c.operatorId ?? c.previousOperatorIds.at(-1) ?? null;
  const previous = previousId ? ctx.roster.get(previousId) : undefined;
  let back = false;
  if (previous) {
    try {
      requireEligible(ctx, previous, c);
      back = true;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
  }
  const choice = back ? null : chooseOperator(ctx, c);
  const full = back || choice ? null : queueRefusal(ctx, c);
  if (full) return refuseReescalation(ctx, c, full);

  const now = ctx.now();
  c.requestedAt = now;
  c.slaDueAt = slaDueAt(ctx, c.priority, now);
  c.endedAt = null;
  c.endReason = null;
  c.firstResponseAt = null;
  ctx.conversations.set(c.id, c);
  ctx.append(c, "conversation.reescalated", { kind: "visitor", id: c.visitor.id }, { previousOperatorId: previousId });
  if (back) {
    assignTo(ctx, c, previous!, { mode: "reescalation", by: SYSTEM, reason: "back to the previous operator" });
    return { outcome: "assigned", operatorId: previous!.id };
  }
  if (choice) {
    assignTo(ctx, c, choice.operator, { mode: "routing", by: SYSTEM, reason: choice.reason });
    return { outcome: "assigned", operatorId: choice.operator.id };
  }
  return { outcome: "queued", position: enqueue(ctx, c, "reescalation") };
}

function refuseReescalation(ctx: EngineContext, c: Conversation, r: Refusal): ReescalationOutcome {
  ctx.append(c, "notice", SYSTEM, { kind: r.reason, offlineForm: true }, { body: r.message });
  ctx.emit({ kind: "chat.refused", reason: r.reason, visitorId: c.visitor.id, department: c.department, at: ctx.now() });
  return { outcome: "refused", ...r };
}
