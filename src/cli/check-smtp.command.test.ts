import { afterAll, afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import type { SmtpSettings } from "../mail/mail.model";
import { checkSmtpInChildProcess } from "../mail/smtp-check.process";
import { TestSmtpServer } from "../mail/smtp.testing";
import { runCli } from "./cli";
import type { CliIO } from "./io";
import { selfCommand } from "./self";

const dir = mkdtempSync(join(tmpdir(), "parley-check-smtp-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let smtp: TestSmtpServer | null = null;
afterEach(async () => {
  await smtp?.stop();
  smtp = null;
});

let files = 0;
/** A config file with one admin and `smtp` (none when undefined). */
const configFile = (settings: SmtpSettings | undefined) => {
  const path = join(dir, `parley-${++files}.yaml`);
  const config = { server: { port: 18098 }, storage: { dataDir: "./data" }, operators: [{ id: "admin", name: "Admin", email: "admin@example.com", role: "admin" }] };
  writeFileSync(path, stringify(settings ? { ...config, smtp: settings } : config));
  return path;
};

const run = async (args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => void out.push(t), err: (t) => void err.push(t), readStdin: async () => "", stdinIsTTY: false, promptSecret: async () => "", env: {} };
  const code = await runCli(["check-smtp", ...args], io);
  return { code, out: out.join("\n"), err: err.join("\n") };
};

describe("parley check-smtp", () => {
  test("logs in to the configured server once and says so", async () => {
    smtp = await TestSmtpServer.start();
    const result = await run(["--config", configFile(smtp.settings())]);
    expect(result).toEqual({ code: 0, out: `smtp server ready: 127.0.0.1:${smtp.port}`, err: "" });
    expect(await run(["--config", configFile(smtp.settings()), "--json"])).toEqual({ code: 0, out: '{"ok":true}', err: "" });
  });

  test("a refused login, an unreachable server, no smtp section or a broken file: exit 1 with the reason", async () => {
    smtp = await TestSmtpServer.start();
    const refused = await run(["--config", configFile(smtp.settings({ password: "wrong" }))]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^parley: smtp server check failed: .*EAUTH 535/);

    const settings = smtp.settings();
    await smtp.down();
    const unreachable = await run(["--config", configFile(settings), "--json"]);
    expect(unreachable.code).toBe(1);
    expect(JSON.parse(unreachable.out)).toEqual({ ok: false, reason: expect.stringMatching(/ECONNREFUSED/) });

    const noSmtp = configFile(undefined);
    expect(await run(["--config", noSmtp, "--json"])).toEqual({ code: 1, out: JSON.stringify({ ok: false, reason: `${noSmtp} has no smtp section` }), err: "" });

    const broken = join(dir, "broken.yaml");
    writeFileSync(broken, "server:\n  port: eighty\n");
    const invalid = await run(["--config", broken]);
    expect(invalid.code).toBe(1);
    expect(invalid.err).toContain(`${broken}:2:9`);
    expect(invalid.err).toMatch(/smtp server check failed: \d+ errors? in /);
  });
});

describe("the server's check in a child process", () => {
  test("runs this parley's check-smtp and reads its outcome", async () => {
    smtp = await TestSmtpServer.start();
    expect(await checkSmtpInChildProcess({ command: selfCommand(), configFile: configFile(smtp.settings()) })).toEqual({ ok: true });
    const refused = await checkSmtpInChildProcess({ command: selfCommand(), configFile: configFile(smtp.settings({ password: "wrong" })) });
    expect(refused).toEqual({ ok: false, reason: expect.stringMatching(/EAUTH 535/) });
  });

  test("a child that fails without an outcome, or cannot start, is a failed check with the reason, never a throw", async () => {
    const crashed = await checkSmtpInChildProcess({ command: ["sh", "-c", "echo 'something broke' >&2; exit 3", "sh"], configFile: "unused.yaml" });
    expect(crashed).toEqual({ ok: false, reason: "the check did not finish (exit 3: something broke)" });
    const missing = await checkSmtpInChildProcess({ command: [join(dir, "no-such-parley")], configFile: "unused.yaml" });
    expect(missing.ok).toBe(false);
    expect((missing as { reason: string }).reason).toStartWith("the check did not finish (could not be started:");
  });
});
