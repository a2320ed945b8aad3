/**
 * The operator sockets currently open, by operator. It tells the engine when an operator comes
 * online (first ready socket) and each time a socket goes (the engine starts the presence grace
 * period when the last one goes), turns queue lengths into each console's own count, and closes
 * an operator's sockets when their session is revoked (config reload, password change).
 */
import type { Engine } from "../../core/engine";
import type { Logger } from "../../observability/logger";
import type { OperatorSession } from "./operator.session";
import { CLOSE_CODES } from "./protocol";

/** Open, ready operator sessions. */
export class OperatorRegistry {
  private readonly byOperator = new Map<string, Set<OperatorSession>>();

  constructor(
    private readonly engine: Pick<Engine, "operatorConnected" | "operatorDisconnected">,
    private readonly logger: Logger,
  ) {}

  /** A socket finished its first `hello`: the operator is present. */
  online(session: OperatorSession): void {
    const id = session.principal.id;
    let set = this.byOperator.get(id);
    if (!set) this.byOperator.set(id, (set = new Set()));
    set.add(session);
    this.safely(() => this.engine.operatorConnected(id), id, "operatorConnected");
  }

  /** A socket closed; only sessions that went online count. */
  offline(session: OperatorSession): void {
    const id = session.principal.id;
    const set = this.byOperator.get(id);
    if (!set?.delete(session)) return;
    if (set.size === 0) this.byOperator.delete(id);
    this.safely(() => this.engine.operatorDisconnected(id), id, "operatorDisconnected");
  }

  /** Every ready session. */
  *sessions(): Iterable<OperatorSession> {
    for (const set of this.byOperator.values()) yield* set;
  }

  /** Queue lengths changed: each console gets its own count. */
  updateQueue(lengths: Readonly<Record<string, number>>): void {
    for (const session of this.sessions()) session.updateQueue(lengths);
  }

  /** Close every socket of an operator (session revoked, operator removed). */
  closeOperator(operatorId: string, reason: string): number {
    const set = this.byOperator.get(operatorId);
    if (!set) return 0;
    let n = 0;
    for (const session of [...set]) {
      session.connection.send({ type: "error", code: "auth.session_expired", message: reason });
      session.connection.close(CLOSE_CODES.unauthorized, reason);
      n++;
    }
    return n;
  }

  /** Re-validate every session (expiry, revocation) and close the dead ones. */
  checkSessions(): void {
    for (const session of [...this.sessions()]) session.checkSession();
  }

  /** Number of operators with at least one ready socket. */
  get onlineCount(): number {
    return this.byOperator.size;
  }

  private safely(fn: () => unknown, operatorId: string, what: string): void {
    try {
      fn();
    } catch (error) {
      this.logger.error("engine presence update failed", { err: error, operatorId, what });
    }
  }
}
