/**
 * Operators as the engine sees them: their configured profile plus live facts (status, presence,
 * the conversations they hold). Statuses are the built-in connected/break/offline plus the optional
 * ones from the config, each saying whether new conversations may be assigned.
 */
import { BUILTIN_STATUSES, type Config, type OperatorConfig, type StatusConfig } from "../../config/schema";
import type { OperatorView } from "../conversation/conversation.events";

/** A status as the engine applies it. */
export interface StatusDefinition {
  readonly id: string;
  readonly label: string;
  readonly acceptsNewConversations: boolean;
  /** Told to the operator's visitors when the status is set (e.g. "searching for information"). */
  readonly visitorNotice: string | null;
  /** After this long in the status, the visitors are told the operator is still busy (0 = never). */
  readonly stillBusyNoticeAfterSeconds: number;
  readonly stillBusyNotice: string | null;
}

/** The status an operator gets when they connect from offline. */
export const DEFAULT_ONLINE_STATUS = "connected";
/** The status of an operator who is not there. */
export const OFFLINE_STATUS = "offline";

/**
 * Every status by id: built-ins first, then the configured ones (a configured status with a
 * built-in id refines its label and notices; `connected` always accepts and `offline` never does).
 * A status with a still-busy delay but no texts uses the phrases for "searching for information".
 */
export function statusCatalog(config: Pick<Config, "statuses" | "widget">): ReadonlyMap<string, StatusDefinition> {
  const phrases = config.widget.phrases;
  const catalog = new Map<string, StatusDefinition>();
  for (const [id, s] of Object.entries(BUILTIN_STATUSES)) {
    catalog.set(id, { id, label: s.label, acceptsNewConversations: s.acceptsNewConversations, visitorNotice: null, stillBusyNoticeAfterSeconds: 0, stillBusyNotice: null });
  }
  for (const s of config.statuses as readonly StatusConfig[]) {
    const stillBusy = s.stillBusyNoticeAfterSeconds ?? 0;
    const forced = s.id === DEFAULT_ONLINE_STATUS ? true : s.id === OFFLINE_STATUS ? false : s.acceptsNewConversations;
    catalog.set(s.id, {
      id: s.id,
      label: s.label,
      acceptsNewConversations: forced,
      visitorNotice: s.visitorNotice ?? (stillBusy > 0 ? phrases.searchingInformation : null),
      stillBusyNoticeAfterSeconds: stillBusy,
      stillBusyNotice: stillBusy > 0 ? (s.stillBusyNotice ?? phrases.stillSearching) : null,
    });
  }
  return catalog;
}

/** The configured ceiling of concurrent conversations: the operator's own `maxConversations`, else the global default. */
export function capacityOf(operator: Pick<OperatorConfig, "maxConversations">, config: Pick<Config, "capacity">): number {
  return operator.maxConversations ?? config.capacity.conversationsPerOperator;
}

/**
 * The limit assignment respects: the operator's own choice from the console, never above the
 * configured ceiling (a config reload that lowers the ceiling clamps it; raising it back restores
 * the operator's choice, which is kept as they set it).
 */
export function effectiveCapacity(ceiling: number, ownLimit: number | null): number {
  return ownLimit === null ? ceiling : Math.min(ceiling, ownLimit);
}

/** Whether the operator's socket is there: `grace` is a dropped socket within `presenceGraceSeconds`. */
export type Presence = "online" | "grace" | "offline";

/** Live state of one operator. Owned and mutated by the roster only. */
export interface OperatorRuntime {
  readonly id: string;
  profile: OperatorConfig;
  /** False once the operator is removed from the config (kept until their conversations are done). */
  configured: boolean;
  status: string;
  statusSince: number;
  /** Status accepts new conversations (from the catalog, cached). */
  accepting: boolean;
  /** The limit in force: `effectiveCapacity(ceiling, ownLimit)`, kept in step by the roster. */
  capacity: number;
  /** The configured ceiling (`capacityOf`). */
  ceiling: number;
  /** The operator's own lower limit set from the console (stored preference), or null to follow the ceiling. */
  ownLimit: number | null;
  presence: Presence;
  connections: number;
  disconnectedAt: number | null;
  /** Conversations currently assigned (active). */
  readonly active: Set<string>;
  lastAssignedAt: number;
  /** Since when the operator has continuously been able to take conversations (0 when not). */
  availableSince: number;
  /** Shift cache: whether on shift, valid until `shiftKnownUntil` (the next hours boundary). */
  onShift: boolean;
  shiftKnownUntil: number;
}

/** The operator's public state. */
export function operatorView(op: OperatorRuntime): OperatorView {
  return {
    id: op.id,
    name: op.profile.name,
    status: op.status,
    presence: op.presence,
    activeConversations: op.active.size,
    capacity: op.capacity,
    maxCapacity: op.ceiling,
    acceptingNew: op.accepting,
  };
}
