/**
 * Wires the auth services from the database, the live config and the injected clock/ids, so
 * main.ts builds auth in one call and hands the result to the HTTP guards/routes and the sockets.
 */
import type { Config } from "../config/schema";
import type { Clock, IdGenerator } from "../core/clock";
import type { Db } from "../storage/db";
import { AuthCredentialRepository } from "../storage/repositories/auth-credentials.repository";
import { AuthLoginFailureRepository } from "../storage/repositories/auth-login-failures.repository";
import { AuthSessionRepository } from "../storage/repositories/auth-sessions.repository";
import { AuthVisitorRepository } from "../storage/repositories/auth-visitors.repository";
import type { AuthLogger } from "./auth.logger";
import { compileProxyTrust, type ProxyTrust } from "./client-ip.policy";
import { CredentialService, type GeneratedCredential } from "./credential.service";
import { OperatorAuthService } from "./operator-auth.service";
import { argon2idHasher, type PasswordHasher } from "./password.service";
import { createRateLimiters, type RateLimiters } from "./rate-limiter";
import { SessionService } from "./session.service";
import { VisitorService } from "./visitor.service";

/** What auth is built from. */
export interface AuthDeps {
  readonly db: Db;
  /** The current config snapshot (re-read on every use, so reloads apply). */
  readonly config: () => Config;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: AuthLogger;
  /** Defaults to argon2id with Bun's parameters; tests pass cheaper ones. */
  readonly hasher?: PasswordHasher;
}

/** Everything other modules use from auth. */
export interface AuthModule {
  readonly config: () => Config;
  readonly clock: Clock;
  readonly logger: AuthLogger;
  readonly sessions: SessionService;
  readonly operators: OperatorAuthService;
  readonly credentials: CredentialService;
  readonly visitors: VisitorService;
  /** Shared limiters: HTTP guards and WebSocket commands spend from the same buckets. */
  readonly limiters: RateLimiters;
  /** Trusted-proxy matcher for the current config (recompiled when server.trustedProxies changes). */
  proxyTrust(): ProxyTrust;
  /** Call once at start: generates first-start admin passwords (logged once). */
  start(): Promise<GeneratedCredential[]>;
  /** Call after every config reload: revokes stale sessions (returns those operators' ids, to close their sockets) and bootstraps new admins. */
  onConfigReload(): Promise<string[]>;
}

/** Builds the auth module. */
export function createAuth(deps: AuthDeps): AuthModule {
  const { db, config, clock, ids, logger } = deps;
  const hasher = deps.hasher ?? argon2idHasher();
  const limiters = createRateLimiters(config, clock);
  const sessions = new SessionService(new AuthSessionRepository(db), config, clock, logger);
  const credentials = new CredentialService(new AuthCredentialRepository(db), hasher, config, clock, logger);
  const failures = new AuthLoginFailureRepository(db);
  const operators = new OperatorAuthService({ config, clock, logger, credentials, sessions, failures, loginLimiter: limiters.login });
  const visitors = new VisitorService(new AuthVisitorRepository(db), config, clock, ids, logger, limiters.newVisitor);
  let trust: { source: readonly string[]; matcher: ProxyTrust } | null = null;
  return {
    config,
    clock,
    logger,
    sessions,
    operators,
    credentials,
    visitors,
    limiters,
    proxyTrust() {
      const source = config().server.trustedProxies;
      if (trust?.source !== source) trust = { source, matcher: compileProxyTrust(source) };
      return trust.matcher;
    },
    start: () => credentials.ensureBootstrapCredentials(),
    async onConfigReload() {
      const revoked = sessions.revokeStale();
      await credentials.ensureBootstrapCredentials();
      return revoked;
    },
  };
}
