/**
 * Operator sessions: opaque random tokens in an HttpOnly cookie, stored as SHA-256 with a
 * per-session CSRF token. Expiry slides with use (`auth.sessionTtlHours` after the last request).
 * A session is checked against the *live* config on every use, so an operator removed from the YAML
 * or given another role is signed out even before `revokeStale` runs on reload.
 */
import type { Config } from "../config/schema";
import type { Clock } from "../core/clock";
import { AppError } from "../core/errors";
import type { AuthSessionRepository } from "../storage/repositories/auth-sessions.repository";
import type { AuthLogger } from "./auth.logger";
import { operatorPrincipal, type OperatorPrincipal } from "./principal.model";
import { hashToken, randomToken } from "./secrets";

/** Renewal is written at most this often per session, so reads stay reads. */
export const RENEW_INTERVAL_MS = 60_000;
/** Expired and revoked rows are kept this long, so a returning browser is told why it was signed out. */
export const EXPIRED_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** Why a session was revoked; shown to the operator on their next request. */
export type RevokeReason = "role_changed" | "operator_removed" | "password_changed";

const REVOKE_MESSAGES: Record<string, string> = {
  role_changed: "Your role has changed; please sign in again.",
  operator_removed: "Your account has been removed.",
  password_changed: "Your password was changed from another session; please sign in again.",
};

/** A new session: the token goes in the cookie, the CSRF token to the page. */
export interface IssuedSession {
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: number;
}

/** A session found valid for a request. */
export interface AuthenticatedSession {
  readonly principal: OperatorPrincipal;
  readonly tokenHash: string;
  readonly csrfToken: string;
  readonly expiresAt: number;
  /** The expiry moved: the transport re-sends the cookie with the new lifetime. */
  readonly renewed: boolean;
}

/** Creates, validates, renews and revokes operator sessions. */
export class SessionService {
  constructor(
    private readonly repo: AuthSessionRepository,
    private readonly config: () => Config,
    private readonly clock: Clock,
    private readonly logger: AuthLogger,
  ) {}

  /** Session lifetime from the live config. */
  ttlMs(): number {
    return Math.round(this.config().auth.sessionTtlHours * 3_600_000);
  }

  /** Opens a session for an operator who just proved their password. */
  create(operatorId: string, role: string, meta: { ip?: string; userAgent?: string } = {}): IssuedSession {
    const now = this.clock.now();
    const token = randomToken();
    const csrfToken = randomToken();
    const expiresAt = now + this.ttlMs();
    this.repo.insert({
      tokenHash: hashToken(token),
      operatorId,
      role,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
      revokedAt: null,
      revokedReason: null,
    });
    return { token, csrfToken, expiresAt };
  }

  /** Validates a cookie token. Throws `auth.required` (no/unknown token) or `auth.session_expired`. */
  authenticate(token: string | null | undefined): AuthenticatedSession {
    if (!token) throw new AppError("auth.required", "Sign in to continue.");
    const tokenHash = hashToken(token);
    const row = this.repo.findByHash(tokenHash);
    if (!row) throw new AppError("auth.required", "Sign in to continue.");
    const now = this.clock.now();
    if (row.revokedAt !== null) throw new AppError("auth.session_expired", REVOKE_MESSAGES[row.revokedReason ?? ""] ?? "Your session has ended; please sign in again.");
    if (row.expiresAt <= now) throw new AppError("auth.session_expired", "Your session has expired; please sign in again.");
    const config = this.config();
    const operator = config.operators.find((op) => op.id === row.operatorId);
    const stale = !operator ? "operator_removed" : operator.role !== row.role ? "role_changed" : null;
    if (stale || !operator) {
      this.repo.revokeOne(tokenHash, stale ?? "operator_removed", now);
      throw new AppError("auth.session_expired", REVOKE_MESSAGES[stale ?? "operator_removed"]!);
    }
    const renewed = now - row.lastSeenAt >= RENEW_INTERVAL_MS;
    const expiresAt = renewed ? now + this.ttlMs() : row.expiresAt;
    if (renewed) this.repo.renew(tokenHash, now, expiresAt);
    return { principal: operatorPrincipal(operator, config), tokenHash, csrfToken: row.csrfToken, expiresAt, renewed };
  }

  /** Signs out one browser; unknown tokens are ignored (sign-out is idempotent). */
  revoke(token: string | null | undefined): void {
    if (token) this.repo.delete(hashToken(token));
  }

  /** Signs out an operator everywhere, optionally except the session making the change. */
  revokeOperator(operatorId: string, reason: RevokeReason, exceptTokenHash?: string): number {
    return this.repo.revokeOperator(operatorId, reason, this.clock.now(), { tokenHash: exceptTokenHash });
  }

  /**
   * After a config reload: revokes the sessions of operators removed or whose role changed, and
   * returns their ids so live sockets can be closed too.
   */
  revokeStale(config: Config = this.config()): string[] {
    const now = this.clock.now();
    const revoked = new Set<string>();
    for (const holder of this.repo.liveHolders(now)) {
      const operator = config.operators.find((op) => op.id === holder.operatorId);
      const reason: RevokeReason | null = !operator ? "operator_removed" : operator.role !== holder.role ? "role_changed" : null;
      if (!reason) continue;
      this.repo.revokeOperator(holder.operatorId, reason, now, { role: operator?.role });
      revoked.add(holder.operatorId);
    }
    if (revoked.size > 0) this.logger.info("sessions revoked after config change", { operatorIds: [...revoked] });
    return [...revoked];
  }

  /** Deletes rows past their retention (called on sign-in; also fit for a daily job). */
  purgeExpired(): number {
    return this.repo.purgeExpiredBefore(this.clock.now() - EXPIRED_RETENTION_MS);
  }
}
