/**
 * The live roster of operators: status, presence and held conversations, plus an index of the
 * operators who could take a conversation right now (online, accepting, below capacity), so a
 * routing decision looks at those few instead of every operator. Shift is not indexed: it depends
 * on the time, and routing checks it on the candidates only.
 */
import type { Config, OperatorConfig } from "../../config/schema";
import { AppError } from "../errors";
import type { OperatorStateRecord } from "../conversation/conversation.ports";
import {
  capacityOf,
  effectiveCapacity,
  DEFAULT_ONLINE_STATUS,
  OFFLINE_STATUS,
  statusCatalog,
  type OperatorRuntime,
  type StatusDefinition,
} from "./operator.model";

/** All operators the engine knows, by id. */
export class OperatorRoster {
  private readonly operators = new Map<string, OperatorRuntime>();
  private statuses: ReadonlyMap<string, StatusDefinition> = new Map();
  /** Online, accepting and below capacity. */
  readonly available = new Set<OperatorRuntime>();
  /** Bumped whenever who-can-serve-what changes, so cached per-queue figures know to recompute. */
  version = 0;

  constructor(config: Config, now: number) {
    this.applyConfig(config, now);
  }

  /** Adds new operators, refreshes profiles, capacities and statuses; removed operators stop taking conversations. */
  applyConfig(config: Config, now: number): void {
    this.statuses = statusCatalog(config);
    const seen = new Set<string>();
    for (const profile of config.operators) {
      seen.add(profile.id);
      const existing = this.operators.get(profile.id);
      if (existing) {
        existing.profile = profile;
        existing.configured = true;
        existing.ceiling = capacityOf(profile, config);
        existing.capacity = effectiveCapacity(existing.ceiling, existing.ownLimit);
      } else {
        this.operators.set(profile.id, this.fresh(profile, capacityOf(profile, config), now));
      }
    }
    for (const op of this.operators.values()) {
      if (!seen.has(op.id)) op.configured = false;
      if (!this.statuses.has(op.status)) op.status = DEFAULT_ONLINE_STATUS;
      op.accepting = this.statusOf(op).acceptsNewConversations;
      op.shiftKnownUntil = 0;
      this.refresh(op, now);
    }
    this.version++;
  }

  private fresh(profile: OperatorConfig, capacity: number, now: number): OperatorRuntime {
    return {
      id: profile.id,
      profile,
      configured: true,
      status: OFFLINE_STATUS,
      statusSince: now,
      accepting: false,
      capacity,
      ceiling: capacity,
      ownLimit: null,
      presence: "offline",
      connections: 0,
      disconnectedAt: null,
      active: new Set(),
      lastAssignedAt: 0,
      availableSince: 0,
      onShift: true,
      shiftKnownUntil: 0,
    };
  }

  get(id: string): OperatorRuntime | undefined {
    return this.operators.get(id);
  }

  /** The operator, or `operator.not_found`. */
  require(id: string): OperatorRuntime {
    const op = this.operators.get(id);
    if (!op || !op.configured) throw new AppError("operator.not_found", `no operator ${id}`);
    return op;
  }

  /** Finds an operator by id or display name, case-insensitively (what `/t Name` types). */
  findByName(name: string): OperatorRuntime | undefined {
    const wanted = name.trim().toLowerCase();
    for (const op of this.operators.values()) {
      if (op.configured && (op.id === wanted || op.profile.name.toLowerCase() === wanted)) return op;
    }
    return undefined;
  }

  all(): IterableIterator<OperatorRuntime> {
    return this.operators.values();
  }

  statusOf(op: OperatorRuntime): StatusDefinition {
    return this.statuses.get(op.status) ?? this.statuses.get(DEFAULT_ONLINE_STATUS)!;
  }

  /** The definition of a status id, or `request.invalid` for a status the config does not define. */
  requireStatus(id: string): StatusDefinition {
    const status = this.statuses.get(id);
    if (!status) throw new AppError("request.invalid", `unknown status "${id}"`, { known: [...this.statuses.keys()] });
    return status;
  }

  /** Sets a status; returns false when it was already that status. */
  setStatus(op: OperatorRuntime, status: StatusDefinition, now: number): boolean {
    if (op.status === status.id) return false;
    op.status = status.id;
    op.statusSince = now;
    op.accepting = status.acceptsNewConversations;
    this.refresh(op, now);
    this.version++;
    return true;
  }

  /** A socket of the operator opened. Returns true when the operator was not online before. */
  connect(op: OperatorRuntime, now: number): boolean {
    op.connections++;
    const wasOnline = op.presence === "online";
    op.presence = "online";
    op.disconnectedAt = null;
    if (op.status === OFFLINE_STATUS) this.setStatus(op, this.requireStatus(DEFAULT_ONLINE_STATUS), now);
    this.refresh(op, now);
    this.version++;
    return !wasOnline;
  }

  /** A socket closed. Returns true when it was the last one (the operator enters the grace period). */
  disconnect(op: OperatorRuntime, now: number): boolean {
    if (op.connections === 0) return false;
    op.connections--;
    if (op.connections > 0) return false;
    op.presence = "grace";
    op.disconnectedAt = now;
    this.refresh(op, now);
    this.version++;
    return true;
  }

  /** The grace period ran out without a reconnection: the operator is offline. */
  goOffline(op: OperatorRuntime, now: number): void {
    op.presence = "offline";
    op.connections = 0;
    op.disconnectedAt ??= now;
    this.setStatus(op, this.requireStatus(OFFLINE_STATUS), now);
    this.refresh(op, now);
    this.version++;
  }

  /** Records a conversation as held by the operator (a new assignment unless `restoring`). */
  hold(op: OperatorRuntime, conversationId: string, now: number, restoring = false): void {
    op.active.add(conversationId);
    if (!restoring) op.lastAssignedAt = now;
    this.refresh(op, now);
  }

  /** The operator no longer holds the conversation. */
  release(op: OperatorRuntime, conversationId: string, now: number): void {
    if (op.active.delete(conversationId)) this.refresh(op, now);
  }

  /**
   * Forgets live state before rebuilding it from the store. After a failed command the sockets are
   * still there, so `keepPresence` keeps who is connected; at startup nobody is.
   */
  reset(now: number, keepPresence: boolean): void {
    for (const op of this.operators.values()) {
      op.status = OFFLINE_STATUS;
      op.statusSince = now;
      op.accepting = false;
      if (!keepPresence) {
        op.presence = "offline";
        op.connections = 0;
        op.disconnectedAt = null;
      }
      op.active.clear();
      op.ownLimit = null;
      op.capacity = op.ceiling;
      op.lastAssignedAt = 0;
      op.availableSince = 0;
      op.shiftKnownUntil = 0;
      this.refresh(op, now);
    }
    this.version++;
  }

  /** Rebuilds an operator's remembered state after a restart (no socket is open yet). */
  restore(record: OperatorStateRecord, now: number): void {
    const op = this.operators.get(record.operatorId);
    if (!op) return;
    op.status = this.statuses.has(record.status) ? record.status : OFFLINE_STATUS;
    op.statusSince = record.statusSince;
    op.accepting = this.statusOf(op).acceptsNewConversations;
    op.lastAssignedAt = record.lastAssignedAt;
    if (op.connections === 0) {
      op.presence = record.present ? "grace" : "offline";
      op.disconnectedAt = record.present ? now : null;
    }
    this.refresh(op, now);
    this.version++;
  }

  /**
   * Sets the operator's own limit (null = follow the ceiling). Conversations already held stay even
   * above it; the operator just gets no new ones until below it. Returns false when nothing changed.
   */
  setOwnLimit(op: OperatorRuntime, ownLimit: number | null, now: number): boolean {
    if (op.ownLimit === ownLimit) return false;
    op.ownLimit = ownLimit;
    op.capacity = effectiveCapacity(op.ceiling, ownLimit);
    this.refresh(op, now);
    this.version++;
    return true;
  }

  /** What is persisted about an operator. */
  record(op: OperatorRuntime): OperatorStateRecord {
    return { operatorId: op.id, status: op.status, statusSince: op.statusSince, present: op.presence !== "offline", lastAssignedAt: op.lastAssignedAt };
  }

  /** Re-evaluates the availability index for one operator after any change. */
  refresh(op: OperatorRuntime, now: number): void {
    const present = op.configured && op.presence === "online" && op.accepting;
    if (!present) op.availableSince = 0;
    else if (op.availableSince === 0) op.availableSince = now;
    const available = present && op.active.size < op.capacity;
    const was = this.available.has(op);
    if (available && !was) this.available.add(op);
    else if (!available && was) this.available.delete(op);
  }
}
