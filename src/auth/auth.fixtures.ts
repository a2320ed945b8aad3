/**
 * Test fixtures for auth: a valid config built through the real schema defaults, an in-memory
 * database with the real migrations, a ManualClock and a log spy. Cheap argon2id parameters keep
 * tests fast; the production parameters are covered by one dedicated test.
 */
import { Value } from "@sinclair/typebox/value";
import { ConfigSchema, type Config } from "../config/schema";
import { ManualClock, SequentialIds } from "../core/clock";
import { openDatabase } from "../storage/db";
import type { AuthLogger } from "./auth.logger";
import { createAuth, type AuthModule } from "./auth.module";
import { argon2idHasher } from "./password.service";

/** argon2id with tiny cost: same algorithm and format, ~0.2 ms per hash. */
export const cheapHasher = argon2idHasher({ memoryCost: 64, timeCost: 1 });

/** Known passwords of the fixture operators (hashes below are made with {@link cheapHasher}). */
export const PASSWORDS = { ada: "ada-correct-horse", mia: "mia-battery-staple", olga: "olga-purple-monkey" } as const;

/** HMAC secret of the fixture config. */
export const IDENTITY_SECRET = "test-identity-secret-0123456789";

/** A complete, schema-valid config: admin ada (no YAML hash: first start), manager mia, operator olga. */
export async function testConfig(patch: (raw: Record<string, any>) => void = () => {}): Promise<Config> {
  const raw: Record<string, any> = {
    server: { publicUrl: "https://chat.example.com", allowedOrigins: ["https://shop.example.com", "https://*.brand.example"] },
    auth: { visitorIdentitySecret: IDENTITY_SECRET, maxFailedLogins: 5, lockoutMinutes: 15, sessionTtlHours: 12 },
    operators: [
      { id: "ada", name: "Ada Admin", email: "ada@example.com", role: "admin" },
      { id: "mia", name: "Mia Manager", email: "mia@example.com", role: "manager", departments: ["sales"], passwordHash: await cheapHasher.hash(PASSWORDS.mia) },
      { id: "olga", name: "Olga Operator", email: "Olga@Example.com", role: "operator", departments: ["support"], passwordHash: await cheapHasher.hash(PASSWORDS.olga) },
    ],
    departments: [
      { id: "sales", name: "Sales" },
      { id: "support", name: "Support" },
    ],
    permissions: { operator: { sendFile: false } },
  };
  patch(raw);
  const config = Value.Default(ConfigSchema, raw) as Config;
  if (!Value.Check(ConfigSchema, config)) throw new Error(`fixture config invalid: ${[...Value.Errors(ConfigSchema, config)].map((e) => `${e.path} ${e.message}`).join("; ")}`);
  return config;
}

/** One captured log line. */
export interface LogLine {
  readonly level: "info" | "warn";
  readonly msg: string;
  readonly fields?: Record<string, unknown>;
}

/** A logger that records lines for assertions. */
export class LogSpy implements AuthLogger {
  readonly lines: LogLine[] = [];
  info(msg: string, fields?: Record<string, unknown>): void {
    this.lines.push({ level: "info", msg, fields });
  }
  warn(msg: string, fields?: Record<string, unknown>): void {
    this.lines.push({ level: "warn", msg, fields });
  }
  /** Everything logged, as one string (to assert a secret never appears). */
  text(): string {
    return this.lines.map((l) => `${l.msg} ${JSON.stringify(l.fields ?? {})}`).join("\n");
  }
}

/** A fully wired auth module over an in-memory database, with a settable config. */
export interface AuthHarness {
  readonly auth: AuthModule;
  readonly clock: ManualClock;
  readonly logs: LogSpy;
  readonly db: ReturnType<typeof openDatabase>;
  config: Config;
}

/** Builds an {@link AuthHarness}; `config` may be replaced to simulate a reload. */
export async function authHarness(config?: Config): Promise<AuthHarness> {
  const db = openDatabase(":memory:");
  const clock = new ManualClock();
  const logs = new LogSpy();
  const harness = { clock, logs, db, config: config ?? (await testConfig()) } as AuthHarness;
  (harness as { auth: AuthModule }).auth = createAuth({ db: db.db, config: () => harness.config, clock, ids: new SequentialIds(), logger: logs, hasher: cheapHasher });
  return harness;
}
