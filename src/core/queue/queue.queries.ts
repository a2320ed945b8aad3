/**
 * What a waiting visitor is told: their position (O(log n)) and estimated wait. The engine emits
 * one `queue.changed` per change; the realtime layer reads these lazily for the visitors it pushes
 * to, coalescing bursts, instead of the engine computing n positions on every change.
 */
import type { EngineContext } from "../conversation/engine.context";

/** One waiting visitor's standing. */
export interface QueueStanding {
  readonly conversationId: string;
  readonly position: number;
  readonly estimatedWaitMs: number | null;
}

/** 1-based position of a waiting conversation in its queue; null when not waiting. */
export function queuePosition(ctx: EngineContext, conversationId: string): number | null {
  return ctx.queue.position(conversationId);
}

/** Estimated wait of a waiting conversation (see wait-estimator.ts for the formula); null when not waiting or unknown. */
export function estimatedWaitMs(ctx: EngineContext, conversationId: string): number | null {
  const position = ctx.queue.position(conversationId);
  const c = ctx.conversations.get(conversationId);
  if (position === null || !c) return null;
  const entry = ctx.queue.entry(conversationId)!;
  return ctx.estimator.estimate(position, ctx.staffing.get(entry.queueKey, c).servingSlots);
}

/**
 * Every visitor of one queue with position and estimate, in order, from `fromPosition` on:
 * one O(n) walk for a coalesced push after a burst of changes.
 */
export function queueStandings(ctx: EngineContext, queueKey: string, fromPosition = 1): QueueStanding[] {
  const result: QueueStanding[] = [];
  let position = 0;
  let slots: number | null = null;
  for (const entry of ctx.queue.entries(queueKey)) {
    position++;
    if (position < fromPosition) continue;
    if (slots === null) {
      const c = ctx.conversations.get(entry.conversationId);
      slots = c ? ctx.staffing.get(queueKey, c).servingSlots : 0;
    }
    result.push({ conversationId: entry.conversationId, position, estimatedWaitMs: ctx.estimator.estimate(position, slots) });
  }
  return result;
}

/** Waiting conversations per queue key (the operators' "queued dialogs" counter). */
export function queueLengths(ctx: EngineContext): Record<string, number> {
  const lengths: Record<string, number> = {};
  for (const key of ctx.queue.keys()) lengths[key] = ctx.queue.length(key);
  return lengths;
}
