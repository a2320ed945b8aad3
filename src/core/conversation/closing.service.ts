/**
 * What happens at an opening-hours boundary (the jobs module calls this at each transition instead
 * of the engine polling the calendar). When service closes, visitors still waiting for a department
 * that is now closed are told (the after-hours phrase with the offline form) and their conversations
 * end: no operator is on shift to take them. When service opens, operators come on shift and the
 * queues are drained. Conversations already with an operator are never touched.
 */
import { effectiveHours } from "../hours/hours.resolve";
import { isOpen } from "../hours/hours.service";
import { SYSTEM } from "./conversation.events";
import { closeConversation } from "./conversation.service";
import type { EngineContext } from "./engine.context";
import { notify } from "./message.service";

/** Applies an hours transition; returns the ids of the conversations closed because service ended. */
export function applyHoursTransition(ctx: EngineContext): string[] {
  const now = ctx.now();
  const closed: string[] = [];
  for (const c of [...ctx.conversations.values()]) {
    if (c.state !== "waiting" || isOpen(effectiveHours(ctx.config, c.department), now)) continue;
    notify(ctx, c, "after_hours", ctx.config.widget.phrases.afterHours, true);
    closeConversation(ctx, c, SYSTEM, "after_hours");
    closed.push(c.id);
  }
  for (const op of ctx.roster.all()) op.shiftKnownUntil = 0;
  ctx.requestDrain();
  return closed;
}
