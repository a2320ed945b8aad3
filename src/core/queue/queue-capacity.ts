/**
 * How big a queue may be and how fast it moves. A queue admits at most
 * `capacity.queueSlotsPerOperator × connected operators who serve it` waiting conversations
 * ("connected" = socket present or within the grace period, any status but offline: someone on a
 * break will be back). Its serving slots (total capacity of those who accept new conversations now)
 * drive the wait estimate. Both are cached per queue until the roster changes.
 */
import type { RoutingTarget } from "../routing/routing-target";
import { servesTarget } from "../routing/eligibility";
import type { OperatorRoster } from "../operator/operator-roster";
import { OFFLINE_STATUS } from "../operator/operator.model";

/** The operators behind one queue. */
export interface QueueStaffing {
  /** Connected operators (any status but offline) who serve the queue. */
  readonly connected: number;
  /** Total capacity of online operators who serve the queue and accept new conversations. */
  readonly servingSlots: number;
}

/** Per-queue staffing, recomputed only when the roster's version moves. */
export class QueueStaffingCache {
  private readonly cache = new Map<string, { version: number; staffing: QueueStaffing }>();

  constructor(private readonly roster: OperatorRoster) {}

  /** Staffing of the queue `queueKey` whose conversations have `target`. */
  get(queueKey: string, target: RoutingTarget): QueueStaffing {
    const hit = this.cache.get(queueKey);
    if (hit && hit.version === this.roster.version) return hit.staffing;
    let connected = 0;
    let servingSlots = 0;
    for (const op of this.roster.all()) {
      if (!op.configured || op.presence === "offline" || op.status === OFFLINE_STATUS || !servesTarget(op, target)) continue;
      connected++;
      if (op.presence === "online" && op.accepting) servingSlots += op.capacity;
    }
    const staffing = { connected, servingSlots };
    this.cache.set(queueKey, { version: this.roster.version, staffing });
    return staffing;
  }

  /** Forgets everything (after a config change). */
  clear(): void {
    this.cache.clear();
  }
}
