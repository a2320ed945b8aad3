import { describe, expect, test } from "bun:test";
import type { OperatorConfig } from "../config/schema";
import { AuthCredentialRepository } from "../storage/repositories/auth-credentials.repository";
import { CredentialService } from "./credential.service";
import { argon2idHasher, type PasswordHasher } from "./password.service";
import { PASSWORDS, authHarness, cheapHasher, testConfig, type AuthHarness } from "./auth.fixtures";

const operator = (h: AuthHarness, id: string): OperatorConfig => h.config.operators.find((op) => op.id === id)!;

describe("first-start admin password", () => {
  test("an admin without passwordHash gets a generated password, logged once as a warning, stored hashed", async () => {
    const h = await authHarness();
    const generated = await h.auth.start();
    expect(generated).toHaveLength(1);
    const { operatorId, password } = generated[0]!;
    expect(operatorId).toBe("ada");
    expect(password.length).toBeGreaterThanOrEqual(20);
    const warnings = h.logs.lines.filter((l) => l.level === "warn" && l.msg.includes(password));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.msg).toContain("FIRST START");
    expect(warnings[0]!.msg).toContain("ada@example.com");
    const stored = h.db.sqlite.query("SELECT password_hash, source FROM auth_credentials WHERE operator_id = 'ada'").get() as { password_hash: string; source: string };
    expect(stored.source).toBe("generated");
    expect(stored.password_hash).toStartWith("$argon2id$");
    expect(stored.password_hash).not.toContain(password);
    expect(await h.auth.credentials.verify(operator(h, "ada"), password)).toBe(true);
  });

  test("is never printed again (restart, reload)", async () => {
    const h = await authHarness();
    const [first] = await h.auth.start();
    expect(await h.auth.start()).toEqual([]);
    expect(await h.auth.onConfigReload()).toEqual([]);
    expect(h.logs.text().split(first!.password).length - 1).toBe(1);
  });

  test("an admin added by a reload gets one too; non-admins without password are only warned about", async () => {
    const h = await authHarness();
    await h.auth.start();
    h.config = await testConfig((raw) => {
      raw.operators.push({ id: "zed", name: "Zed", email: "zed@example.com", role: "admin" });
      raw.operators.push({ id: "nopw", name: "No Pw", email: "nopw@example.com", role: "operator" });
    });
    await h.auth.onConfigReload();
    expect(h.logs.lines.some((l) => l.msg.includes("FIRST START") && l.msg.includes("zed@example.com"))).toBe(true);
    expect(h.logs.lines.some((l) => l.msg.includes('operator "nopw" has no password'))).toBe(true);
    expect(h.db.sqlite.query("SELECT operator_id FROM auth_credentials ORDER BY operator_id").all()).toEqual([{ operator_id: "ada" }, { operator_id: "zed" }]);
  });

  test("the production hasher is argon2id with Bun's default cost", async () => {
    const hash = await argon2idHasher().hash("pw");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=65536,t=2,p=1\$/);
    expect(await argon2idHasher().verify("pw", hash)).toBe(true);
    expect(await argon2idHasher().verify("pw", "not a hash")).toBe(false);
  });
});

describe("which hash is in force", () => {
  test("a changed password overrides the YAML hash", async () => {
    const h = await authHarness();
    await h.auth.credentials.setPassword(operator(h, "mia"), "a brand new passphrase");
    expect(await h.auth.credentials.verify(operator(h, "mia"), "a brand new passphrase")).toBe(true);
    expect(await h.auth.credentials.verify(operator(h, "mia"), PASSWORDS.mia)).toBe(false);
  });

  test("writing a different hash in the YAML later resets it (admin reset path)", async () => {
    const h = await authHarness();
    await h.auth.credentials.setPassword(operator(h, "mia"), "a brand new passphrase");
    const resetHash = await cheapHasher.hash("reset-by-admin-123");
    h.config = await testConfig((raw) => (raw.operators[1].passwordHash = resetHash));
    expect(await h.auth.credentials.verify(operator(h, "mia"), "reset-by-admin-123")).toBe(true);
    expect(await h.auth.credentials.verify(operator(h, "mia"), "a brand new passphrase")).toBe(false);
  });

  test("a YAML hash added for a first-start admin takes over from the generated one", async () => {
    const h = await authHarness();
    const [generated] = await h.auth.start();
    const yamlHash = await cheapHasher.hash("chosen-by-admin-456");
    h.config = await testConfig((raw) => (raw.operators[0].passwordHash = yamlHash));
    expect(await h.auth.credentials.verify(operator(h, "ada"), "chosen-by-admin-456")).toBe(true);
    expect(await h.auth.credentials.verify(operator(h, "ada"), generated!.password)).toBe(false);
  });

  test("an unknown operator is refused after a real (dummy) hash verification", async () => {
    const h = await authHarness();
    let verifications = 0;
    const counting: PasswordHasher = { hash: cheapHasher.hash, verify: (p, hash) => (verifications++, cheapHasher.verify(p, hash)) };
    const service = new CredentialService(new AuthCredentialRepository(h.db.db), counting, () => h.config, h.clock, h.logs);
    expect(await service.verify(undefined, "whatever")).toBe(false);
    expect(verifications).toBe(1);
  });
});
