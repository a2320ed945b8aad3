/**
 * In-memory implementations of the engine's storage ports, for unit tests and the routing
 * benchmark (so it measures the engine, not SQLite). They behave like the SQLite ones where the
 * engine can tell: rows are copies (no aliasing with live objects), (conversation, seq) and
 * (conversation, clientId) are unique, and a failed unit of work rolls every write back.
 */
import type { TransferRequest } from "../transfer/transfer.model";
import type { AnyStoredEvent } from "./conversation.events";
import type { Conversation } from "./conversation.model";
import type {
  ConversationRepository,
  EngineStores,
  EventLogRepository,
  EventQuery,
  OperatorPreferenceRecord,
  OperatorPreferenceRepository,
  OperatorStateRecord,
  OperatorStateRepository,
  TransferRepository,
  UnitOfWork,
} from "./conversation.ports";

/** Undo log shared by the stores of one `memoryStores()` set. */
class Journal implements UnitOfWork {
  private undo: (() => void)[] | null = null;

  run<T>(fn: () => T): T {
    if (this.undo) return fn();
    this.undo = [];
    try {
      const result = fn();
      this.undo = null;
      return result;
    } catch (error) {
      const undo: (() => void)[] = this.undo ?? [];
      this.undo = null;
      for (let i = undo.length - 1; i >= 0; i--) undo[i]!();
      throw error;
    }
  }

  record(step: () => void): void {
    this.undo?.push(step);
  }
}

/** Sets `map[key] = value`, journaling the previous value. */
function put<K, V>(journal: Journal, map: Map<K, V>, key: K, value: V): void {
  const had = map.has(key);
  const previous = map.get(key);
  map.set(key, value);
  journal.record(() => (had ? map.set(key, previous as V) : map.delete(key)));
}

const copy = (c: Conversation): Conversation => ({ ...c });

class MemoryConversations implements ConversationRepository {
  readonly rows = new Map<string, Conversation>();
  constructor(private readonly journal: Journal) {}

  insert(c: Conversation): void {
    if (this.rows.has(c.id)) throw new Error(`duplicate conversation ${c.id}`);
    put(this.journal, this.rows, c.id, copy(c));
  }
  update(c: Conversation): void {
    if (!this.rows.has(c.id)) throw new Error(`unknown conversation ${c.id}`);
    put(this.journal, this.rows, c.id, copy(c));
  }
  get(id: string): Conversation | null {
    const row = this.rows.get(id);
    return row ? copy(row) : null;
  }
  listOpen(): Conversation[] {
    return [...this.rows.values()].filter((c) => c.state !== "ended").map(copy);
  }
  recentDurations(limit: number): { waits: number[]; handlings: number[] } {
    const rows = [...this.rows.values()];
    const assigned = rows.filter((c) => c.assignedAt !== null).sort((a, b) => a.assignedAt! - b.assignedAt!);
    const ended = rows.filter((c) => c.endedAt !== null && c.assignedAt !== null).sort((a, b) => a.endedAt! - b.endedAt!);
    return {
      waits: assigned.slice(-limit).map((c) => c.assignedAt! - c.requestedAt),
      handlings: ended.slice(-limit).map((c) => c.endedAt! - c.assignedAt!),
    };
  }
}

class MemoryEvents implements EventLogRepository {
  readonly logs = new Map<string, AnyStoredEvent[]>();
  private readonly byClientId = new Map<string, AnyStoredEvent>();
  constructor(private readonly journal: Journal) {}

  append(event: AnyStoredEvent): boolean {
    const clientKey = event.clientId === null ? null : `${event.conversationId}\u0000${event.clientId}`;
    if (clientKey !== null && this.byClientId.has(clientKey)) return false;
    let log = this.logs.get(event.conversationId);
    if (!log) {
      log = [];
      put(this.journal, this.logs, event.conversationId, log);
    }
    if (log.length > 0 && log[log.length - 1]!.seq >= event.seq) throw new Error(`UNIQUE constraint failed: seq ${event.seq} of ${event.conversationId}`);
    log.push(event);
    const appendedTo = log;
    this.journal.record(() => appendedTo.pop());
    if (clientKey !== null) put(this.journal, this.byClientId, clientKey, event);
    return true;
  }
  findByClientId(conversationId: string, clientId: string): AnyStoredEvent | null {
    return this.byClientId.get(`${conversationId}\u0000${clientId}`) ?? null;
  }
  list(conversationId: string, query: EventQuery): AnyStoredEvent[] {
    const all = (this.logs.get(conversationId) ?? []).filter(
      (e) => (query.includeStaff || e.visibility === "all") && e.seq > (query.afterSeq ?? 0) && e.seq < (query.beforeSeq ?? Number.POSITIVE_INFINITY),
    );
    if (query.limit === undefined) return all;
    return query.beforeSeq !== undefined ? all.slice(-query.limit) : all.slice(0, query.limit);
  }
}

class MemoryOperators implements OperatorStateRepository {
  readonly rows = new Map<string, OperatorStateRecord>();
  constructor(private readonly journal: Journal) {}
  save(state: OperatorStateRecord): void {
    put(this.journal, this.rows, state.operatorId, { ...state });
  }
  all(): OperatorStateRecord[] {
    return [...this.rows.values()].map((r) => ({ ...r }));
  }
}

class MemoryPreferences implements OperatorPreferenceRepository {
  readonly rows = new Map<string, OperatorPreferenceRecord>();
  constructor(private readonly journal: Journal) {}
  save(record: OperatorPreferenceRecord): void {
    put(this.journal, this.rows, record.operatorId, { ...record });
  }
  all(): OperatorPreferenceRecord[] {
    return [...this.rows.values()].map((r) => ({ ...r }));
  }
}

class MemoryTransfers implements TransferRepository {
  readonly rows = new Map<string, TransferRequest>();
  constructor(private readonly journal: Journal) {}
  insert(request: TransferRequest): void {
    put(this.journal, this.rows, request.id, { ...request });
  }
  update(request: TransferRequest): void {
    put(this.journal, this.rows, request.id, { ...request });
  }
  listPending(): TransferRequest[] {
    return [...this.rows.values()].filter((t) => t.state === "pending").map((t) => ({ ...t }));
  }
}

/** In-memory stores with their rows exposed for assertions. */
export interface MemoryStores extends EngineStores {
  readonly conversations: MemoryConversations;
  readonly events: MemoryEvents;
  readonly operators: MemoryOperators;
  readonly transfers: MemoryTransfers;
  readonly preferences: MemoryPreferences;
}

/** A fresh, empty set of in-memory stores sharing one transaction journal. */
export function memoryStores(): MemoryStores {
  const journal = new Journal();
  return {
    conversations: new MemoryConversations(journal),
    events: new MemoryEvents(journal),
    operators: new MemoryOperators(journal),
    transfers: new MemoryTransfers(journal),
    preferences: new MemoryPreferences(journal),
    unitOfWork: journal,
  };
}
