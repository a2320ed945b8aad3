/**
 * Password hashing with argon2id through Bun.password (memory-hard; the parameters travel inside
 * each PHC hash string, so stronger defaults later never break existing hashes). Injected as an
 * interface so tests can use cheap parameters while production keeps Bun's defaults.
 */

/** Hashes and verifies passwords. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** False (never a throw) for a wrong password or an unreadable hash. */
  verify(password: string, hash: string): Promise<boolean>;
}

/** argon2id cost parameters; omitted values use Bun's defaults (64 MiB, 2 passes). */
export interface Argon2Params {
  readonly memoryCost?: number;
  readonly timeCost?: number;
}

/** Shortest password an operator may choose; long passphrases beat complexity rules (NIST SP 800-63B). */
export const MIN_PASSWORD_LENGTH = 12;
/** Longest password accepted anywhere, so nobody can make the server hash megabytes. */
export const MAX_PASSWORD_LENGTH = 1024;

/** The production hasher (also used by `parley hash-password`). */
export function argon2idHasher(params: Argon2Params = {}): PasswordHasher {
  return {
    hash: (password) => Bun.password.hash(password, { algorithm: "argon2id", ...params }),
    async verify(password, hash) {
      try {
        return await Bun.password.verify(password, hash);
      } catch {
        return false;
      }
    },
  };
}

/** Why a chosen password is refused, or null when acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `The new password must be at least ${MIN_PASSWORD_LENGTH} characters long.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `The new password must be at most ${MAX_PASSWORD_LENGTH} characters long.`;
  if (password.trim().length === 0) return "The new password cannot be only spaces.";
  return null;
}
