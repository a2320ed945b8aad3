/**
 * Which password hash is in force for an operator, and the two ways one gets into the database:
 * the first-start admin password (generated, printed once) and an operator changing their own.
 * A database credential overrides the YAML `passwordHash` it was written over; writing a
 * *different* hash in the YAML later wins again, which is how an administrator resets a password.
 */
import type { Config, OperatorConfig } from "../config/schema";
import type { Clock } from "../core/clock";
import type { AuthCredentialRepository } from "../storage/repositories/auth-credentials.repository";
import type { AuthLogger } from "./auth.logger";
import type { PasswordHasher } from "./password.service";
import { generatePassword, randomToken } from "./secrets";

/** A password generated at first start, returned so the CLI can also show it. */
export interface GeneratedCredential {
  readonly operatorId: string;
  readonly email: string;
  readonly password: string;
}

/** Resolves, verifies and stores operator passwords. */
export class CredentialService {
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly repo: AuthCredentialRepository,
    private readonly hasher: PasswordHasher,
    private readonly config: () => Config,
    private readonly clock: Clock,
    private readonly logger: AuthLogger,
  ) {}

  /** The hash in force: the database one unless the YAML now holds a different hash than it was written over. */
  effectiveHash(operator: OperatorConfig): string | null {
    const stored = this.repo.find(operator.id);
    if (stored && (operator.passwordHash === undefined || stored.configHashBasis === operator.passwordHash)) return stored.passwordHash;
    return operator.passwordHash ?? null;
  }

  /**
   * Checks a password. Always runs one argon2id verification — against a throwaway hash when the
   * operator is unknown or has no password — so response time does not reveal which e-mails exist.
   */
  async verify(operator: OperatorConfig | undefined, password: string): Promise<boolean> {
    const hash = operator ? this.effectiveHash(operator) : null;
    if (hash) return this.hasher.verify(password, hash);
    await this.hasher.verify(password, await this.dummy());
    return false;
  }

  /** Stores a password the operator chose; it overrides the YAML hash currently in force. */
  async setPassword(operator: OperatorConfig, password: string): Promise<void> {
    const passwordHash = await this.hasher.hash(password);
    this.repo.upsert({ operatorId: operator.id, passwordHash, source: "changed", configHashBasis: operator.passwordHash ?? null, updatedAt: this.clock.now() });
  }

  /**
   * First start (and every reload): an admin with neither a YAML hash nor a stored credential gets a
   * generated password, stored hashed and logged exactly once. Operators of other roles without a
   * password are only warned about: they cannot sign in until given one.
   */
  async ensureBootstrapCredentials(): Promise<GeneratedCredential[]> {
    const generated: GeneratedCredential[] = [];
    for (const operator of this.config().operators) {
      if (operator.passwordHash !== undefined || this.repo.find(operator.id)) continue;
      if (operator.role !== "admin") {
        this.logger.warn(`operator "${operator.id}" has no password and cannot sign in; set passwordHash (parley hash-password)`, { operatorId: operator.id });
        continue;
      }
      const password = generatePassword();
      const row = { operatorId: operator.id, passwordHash: await this.hasher.hash(password), source: "generated", configHashBasis: null, updatedAt: this.clock.now() };
      if (!this.repo.insertIfAbsent(row)) continue;
      this.logger.warn(
        `FIRST START: generated password for admin ${operator.email}: ${password}  (shown only this once: sign in and change it, or set passwordHash in the config)`,
        { operatorId: operator.id },
      );
      generated.push({ operatorId: operator.id, email: operator.email, password });
    }
    return generated;
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= this.hasher.hash(randomToken());
    return this.dummyHash;
  }
}
