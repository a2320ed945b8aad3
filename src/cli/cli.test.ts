import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, databasePath } from "../storage/db";
import { runCli, USAGE } from "./cli";
import type { CliIO } from "./io";
import { VERSION } from "./version";

const dir = mkdtempSync(join(tmpdir(), "parley-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const VALID = `server:
  port: 18099
storage:
  dataDir: ./data
operators:
  - id: admin
    name: Admin
    email: admin@example.com
    role: admin
`;
const BROKEN = `server:
  port: "eighty"
operators:
  - id: admin
    name: Admin
    email: not-an-email
`;
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

/** A terminal whose output is collected; stdin and TTY-ness are chosen per test. */
const fakeIO = (options: { stdin?: string; tty?: string[]; env?: Record<string, string> } = {}) => {
  const out: string[] = [];
  const err: string[] = [];
  const answers = [...(options.tty ?? [])];
  const io: CliIO = {
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    readStdin: async () => options.stdin ?? "",
    stdinIsTTY: options.tty !== undefined,
    promptSecret: async () => answers.shift() ?? "",
    env: options.env ?? {},
  };
  return { io, out, err, stdout: () => out.join("\n"), stderr: () => err.join("\n") };
};

describe("usage", () => {
  test("--help prints the usage and exits 0", async () => {
    const t = fakeIO();
    expect(await runCli(["--help"], t.io)).toBe(0);
    expect(t.stdout()).toBe(USAGE);
    for (const command of ["serve", "check-config", "hash-password", "backup", "version"]) expect(USAGE).toContain(`parley ${command}`);
  });

  test("an unknown command, an unknown flag or no command prints the usage on stderr and exits 2", async () => {
    for (const argv of [["frobnicate"], ["toString"], ["constructor"], ["version", "--bogus"], [], ["backup", "--config", "x.yaml"], ["check-config", "a.yaml", "b.yaml"]]) {
      const t = fakeIO();
      expect(await runCli(argv, t.io)).toBe(2);
      expect(t.stderr()).toContain("Usage:");
      expect(t.stdout()).toBe("");
    }
    const t = fakeIO();
    await runCli(["version", "--bogus"], t.io);
    expect(t.stderr()).toContain("--bogus");
  });

  test("serve without --config or PARLEY_CONFIG is a usage error", async () => {
    const t = fakeIO();
    expect(await runCli(["serve"], t.io)).toBe(2);
    expect(t.stderr()).toContain("PARLEY_CONFIG");
  });

  test("version prints the package version", async () => {
    const t = fakeIO();
    expect(await runCli(["version"], t.io)).toBe(0);
    expect(t.stdout()).toStartWith(`parley ${VERSION} (bun `);
  });
});

describe("check-config", () => {
  test("a valid file prints ok and exits 0", async () => {
    const t = fakeIO();
    expect(await runCli(["check-config", file("ok.yaml", VALID)], t.io)).toBe(0);
    expect(t.out[0]).toBe("ok");
  });

  test("a broken file lists every error as file:line:col and exits 1", async () => {
    const path = file("broken.yaml", BROKEN);
    const t = fakeIO();
    expect(await runCli(["check-config", path], t.io)).toBe(1);
    const lines = t.stderr().split("\n");
    expect(lines.some((l) => l.startsWith(`${path}:2:9 `) && l.includes("server.port"))).toBe(true);
    expect(lines.some((l) => l.startsWith(`${path}:6:12 `) && l.includes("email"))).toBe(true);
    expect(t.stdout()).toBe("");
  });

  test("the file may come from PARLEY_CONFIG", async () => {
    const t = fakeIO({ env: { PARLEY_CONFIG: file("env.yaml", VALID) } });
    expect(await runCli(["check-config"], t.io)).toBe(0);
  });

  test("a missing file is an error naming the file, not a crash", async () => {
    const t = fakeIO();
    expect(await runCli(["check-config", join(dir, "nope.yaml")], t.io)).toBe(1);
    expect(t.stderr()).toContain("nope.yaml");
  });
});

describe("hash-password", () => {
  test("hashes a piped password with argon2id, ignoring the trailing newline", async () => {
    const t = fakeIO({ stdin: "correct horse battery\n" });
    expect(await runCli(["hash-password"], t.io)).toBe(0);
    const hash = t.stdout().trim();
    expect(hash).toStartWith("$argon2id$");
    expect(await Bun.password.verify("correct horse battery", hash)).toBe(true);
  });

  test("refuses an empty, multi-line or too short password without printing a hash", async () => {
    for (const stdin of ["", "two\nlines here ok\n", "short\n"]) {
      const t = fakeIO({ stdin });
      expect(await runCli(["hash-password"], t.io)).toBe(1);
      expect(t.stdout()).toBe("");
    }
  });

  test("on a terminal it asks twice and refuses when the answers differ", async () => {
    const same = fakeIO({ tty: ["a long passphrase", "a long passphrase"] });
    expect(await runCli(["hash-password"], same.io)).toBe(0);
    expect(await Bun.password.verify("a long passphrase", same.stdout().trim())).toBe(true);
    const differ = fakeIO({ tty: ["a long passphrase", "another passphrase"] });
    expect(await runCli(["hash-password"], differ.io)).toBe(1);
    expect(differ.stderr()).toContain("differ");
  });
});

describe("backup", () => {
  test("copies the database named by the config to --to, verified", async () => {
    const config = file("backup.yaml", VALID);
    const live = openDatabase(databasePath(join(dir, "data")));
    live.sqlite.run("INSERT INTO app_meta (key, value, updated_at) VALUES ('marker', 'here', 1)");
    const t = fakeIO();
    const target = join(dir, "copies", "b.db");
    expect(await runCli(["backup", "--to", target, "--config", config], t.io)).toBe(0);
    expect(t.stdout()).toContain("integrity verified");
    const copy = openDatabase(target);
    expect(copy.sqlite.query("SELECT value FROM app_meta WHERE key = 'marker'").get()).toEqual({ value: "here" });
    copy.close();
    live.close();
  });

  test("fails clearly when there is no database yet", async () => {
    const t = fakeIO();
    const config = file("empty.yaml", VALID.replace("./data", "./no-data-here"));
    expect(await runCli(["backup", "--to", join(dir, "x.db"), "--config", config], t.io)).toBe(1);
    expect(t.stderr()).toContain("no database");
  });
});
