/**
 * Operator sign-in and password change: the per-IP rate limit, the per-account backoff/lockout,
 * the (always-run) password check, and session issue. Failures are logged with e-mail and IP for
 * fail2ban-style monitoring, never with the password.
 */
import type { Config } from "../config/schema";
import type { Clock } from "../core/clock";
import { AppError } from "../core/errors";
import type { AuthLoginFailureRepository } from "../storage/repositories/auth-login-failures.repository";
import type { AuthLogger } from "./auth.logger";
import type { CredentialService } from "./credential.service";
import { FAILURE_MEMORY_MS, checkLoginGate, loginThrottlePolicy, recordLoginFailure, type LoginThrottleState } from "./login-throttle.policy";
import { passwordProblem } from "./password.service";
import { findOperatorByEmail, normaliseEmail, operatorPrincipal, type OperatorPrincipal } from "./principal.model";
import { rateKeys, retryAfterSeconds, type TokenBucketLimiter } from "./rate-limiter";
import type { AuthenticatedSession, IssuedSession, SessionService } from "./session.service";

/** Where a sign-in comes from (for the IP limit and the session list). */
export interface LoginMeta {
  readonly ip: string;
  readonly userAgent?: string;
}

/** A successful sign-in. */
export interface LoginResult {
  readonly principal: OperatorPrincipal;
  readonly session: IssuedSession;
}

/** What the service is built from. */
export interface OperatorAuthDeps {
  readonly config: () => Config;
  readonly clock: Clock;
  readonly logger: AuthLogger;
  readonly credentials: CredentialService;
  readonly sessions: SessionService;
  readonly failures: AuthLoginFailureRepository;
  /** The `rateLimits.login` limiter, keyed by client IP. */
  readonly loginLimiter: TokenBucketLimiter;
}

/** Signs operators in and lets them change their password. */
export class OperatorAuthService {
  constructor(private readonly deps: OperatorAuthDeps) {}

  /** Checks e-mail and password and opens a session. Throws rate.limited, auth.locked or auth.invalid_credentials. */
  async login(email: string, password: string, meta: LoginMeta): Promise<LoginResult> {
    const { config, clock, logger, credentials, sessions, failures, loginLimiter } = this.deps;
    const ipDecision = loginLimiter.take(rateKeys.ip(meta.ip));
    if (!ipDecision.allowed) {
      logger.warn("sign-in refused: too many attempts from this IP", { ip: meta.ip });
      const seconds = retryAfterSeconds(ipDecision.retryAfterMs);
      throw new AppError("rate.limited", `Too many sign-in attempts; try again in ${seconds} s.`, { retryAfterSeconds: seconds });
    }
    const accountKey = normaliseEmail(email);
    this.assertNotThrottled(accountKey, meta.ip);
    const operator = findOperatorByEmail(config(), email);
    const passwordOk = await credentials.verify(operator, password);
    if (!operator || !passwordOk) {
      const reason = !operator ? "unknown_email" : credentials.effectiveHash(operator) ? "wrong_password" : "no_password";
      this.recordFailure(accountKey, { ip: meta.ip, reason }, "Wrong e-mail or password.");
    }
    const current = config();
    const signedIn = current.operators.find((op) => op.id === operator.id);
    if (!signedIn) throw new AppError("auth.invalid_credentials", "Wrong e-mail or password."); // removed by a reload mid-check
    failures.clear(accountKey);
    failures.purgeOlderThan(clock.now() - Math.max(FAILURE_MEMORY_MS, loginThrottlePolicy(current).lockoutMs));
    sessions.purgeExpired();
    const session = sessions.create(signedIn.id, signedIn.role, meta);
    logger.info("operator signed in", { operatorId: signedIn.id, ip: meta.ip });
    return { principal: operatorPrincipal(signedIn, current), session };
  }

  /**
   * Replaces the signed-in operator's password after checking the current one (wrong guesses count
   * toward the lockout, so a stolen session cannot brute-force it), then signs out their other sessions.
   */
  async changePassword(auth: AuthenticatedSession, currentPassword: string, nextPassword: string): Promise<void> {
    const { config, logger, credentials, sessions, failures } = this.deps;
    const operator = config().operators.find((op) => op.id === auth.principal.id);
    if (!operator) throw new AppError("auth.session_expired", "Your account has been removed.");
    const problem = passwordProblem(nextPassword);
    if (problem) throw new AppError("request.invalid", problem);
    if (nextPassword === currentPassword) throw new AppError("request.invalid", "The new password must differ from the current one.");
    const accountKey = normaliseEmail(operator.email);
    this.assertNotThrottled(accountKey, undefined);
    if (!(await credentials.verify(operator, currentPassword))) {
      this.recordFailure(accountKey, { operatorId: operator.id, reason: "wrong_current_password" }, "The current password is wrong.");
    }
    await credentials.setPassword(operator, nextPassword);
    failures.clear(accountKey);
    const revoked = sessions.revokeOperator(operator.id, "password_changed", auth.tokenHash);
    logger.info("operator changed their password", { operatorId: operator.id, otherSessionsRevoked: revoked });
  }

  private assertNotThrottled(accountKey: string, ip: string | undefined): void {
    const gate = checkLoginGate(this.deps.failures.find(accountKey), this.deps.clock.now());
    if (gate.allowed) return;
    const seconds = retryAfterSeconds(gate.retryAfterMs);
    this.deps.logger.warn(`sign-in refused: account ${gate.reason === "locked" ? "locked" : "in backoff"}`, { email: accountKey, ip });
    throw new AppError("auth.locked", lockedMessage(gate.reason, seconds), { retryAfterSeconds: seconds });
  }

  private recordFailure(accountKey: string, fields: Record<string, unknown>, message: string): never {
    const { failures, clock, config, logger } = this.deps;
    const now = clock.now();
    const state: LoginThrottleState = recordLoginFailure(failures.find(accountKey), loginThrottlePolicy(config()), now);
    failures.save(accountKey, state);
    logger.warn("sign-in failed", { email: accountKey, failures: state.failures, ...fields });
    if (state.lockedUntil !== null) {
      const seconds = retryAfterSeconds(state.lockedUntil - now);
      logger.warn("account locked after repeated failed sign-ins", { email: accountKey, lockedForSeconds: seconds });
      throw new AppError("auth.locked", lockedMessage("locked", seconds), { retryAfterSeconds: seconds });
    }
    throw new AppError("auth.invalid_credentials", message);
  }
}

function lockedMessage(reason: "locked" | "backoff", seconds: number): string {
  if (reason === "backoff") return `Too many failed attempts; wait ${seconds} s before trying again.`;
  const minutes = Math.ceil(seconds / 60);
  return `Too many failed sign-ins: this account is locked for ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
