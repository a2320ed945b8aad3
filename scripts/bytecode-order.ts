/**
 * Profile-guided bytecode layout for the binary (`bun build --compile --bytecode-order`, Bun 1.4):
 * a first build is started the way an appliance starts — an existing data directory, then the
 * probes monitoring calls — with `BUN_BYTECODE_ORDER_OUT` set; Bun writes which functions ran on
 * exit, and the second build places their bytecode together at the front. A start then touches fewer
 * pages of the binary: about 2 MB less idle RSS (scripts/bench-startup.ts, docs/operations.md).
 *
 * Two starts are recorded, each its own profile: one with config.example.yaml (opening hours,
 * departments, knowledge base, questionnaires, smtp — what a real appliance runs), one with the
 * minimal config. Code only the example config runs (nodemailer, loaded on first use, the hours
 * calendar…) is laid out with the rest of the start instead of among the cold code.
 *
 * The profile holds hashes of functions, not code; functions it misses are laid out after it, so a
 * stale or partial profile only costs some of the gain, never correctness.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseDocument, stringify } from "yaml";
import type { SmtpSettings } from "../src/mail/mail.model";
import { TestSmtpServer } from "../src/mail/smtp.testing";

const ROOT = resolve(import.meta.dir, "..");
/** How long a start may take before recording gives up (a cold start is ~0.1 s). */
const READY_TIMEOUT_MS = 20_000;
/** What monitoring calls on an idle appliance; their code belongs to the hot layout too. */
const PROBES = ["/readyz", "/healthz", "/metrics"];

/** Where a measured or recorded server listens and keeps its data. */
export interface ServerPlacement {
  readonly port: number;
  readonly dataDir: string;
}

/** The smallest valid config (one admin), on `placement`. */
export function minimalConfigText(placement: ServerPlacement): string {
  return stringify({
    server: { host: "127.0.0.1", port: placement.port, logLevel: "warn" },
    storage: { dataDir: placement.dataDir },
    operators: [{ id: "admin", name: "Admin", email: "admin@example.com", role: "admin" }],
  });
}

/**
 * config.example.yaml as shipped, on `placement`, its knowledge base file found in the repository
 * and its `smtp` section pointed at `smtp` (a local test server), so it starts as a configured
 * appliance does.
 */
export function exampleConfigText(placement: ServerPlacement, smtp: SmtpSettings): string {
  const doc = parseDocument(readFileSync(join(ROOT, "config.example.yaml"), "utf8"));
  doc.setIn(["server", "host"], "127.0.0.1");
  doc.setIn(["server", "port"], placement.port);
  doc.setIn(["server", "logLevel"], "warn");
  doc.setIn(["storage", "dataDir"], placement.dataDir);
  doc.setIn(["knowledgeBase", "file"], join(ROOT, "knowledge-base.example.yaml"));
  for (const [key, value] of Object.entries(smtp)) doc.setIn(["smtp", key], value);
  return doc.toString();
}

/** A free loopback TCP port (bound, then released). */
export function freePort(): number {
  const probe = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = probe.port;
  probe.stop(true);
  return port;
}

/** Runs `binary serve` once with `config`; with `orderFile`, Bun records the functions used into it. */
async function startAndStop(binary: string, dir: string, config: (placement: ServerPlacement) => string, orderFile: string | null): Promise<void> {
  const port = freePort();
  const configFile = join(dir, "parley.yaml");
  writeFileSync(configFile, config({ port, dataDir: join(dir, "data") }));
  const env: Record<string, string> = { PATH: process.env.PATH ?? "/usr/bin:/bin" };
  if (orderFile) env.BUN_BYTECODE_ORDER_OUT = orderFile;
  const proc = Bun.spawn([binary, "serve", "--config", configFile], { cwd: dir, env, stdout: "ignore", stderr: "pipe" });
  const stderr = new Response(proc.stderr).text();
  try {
    const deadline = performance.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`parley exited with ${proc.exitCode}: ${(await stderr).slice(-2000)}`);
      if (performance.now() > deadline) throw new Error(`parley was not ready within ${READY_TIMEOUT_MS} ms`);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status === 200, () => false);
      if (ready) break;
      await Bun.sleep(10);
    }
    // The start-up SMTP check runs in the background: let it finish so its code is in the profile.
    await Bun.sleep(300);
    for (const path of PROBES) await (await fetch(`http://127.0.0.1:${port}${path}`)).arrayBuffer();
  } finally {
    proc.kill("SIGTERM");
    await proc.exited;
  }
  if (proc.exitCode !== 0) throw new Error(`parley did not stop cleanly (exit ${proc.exitCode}): ${(await stderr).slice(-2000)}`);
}

/**
 * Records the start-up profiles of `binary` into `dir` and returns their paths, most important
 * first (for `--bytecode-order`). Each config starts twice: the first start creates and migrates a
 * database, the second, the one recorded, is an ordinary restart. Throws if the binary cannot start.
 */
export async function recordStartupOrder(binary: string, dir: string): Promise<string[]> {
  const work = mkdtempSync(join(tmpdir(), "parley-order-"));
  const smtp = await TestSmtpServer.start();
  const configs = {
    example: (placement: ServerPlacement) => exampleConfigText(placement, smtp.settings()),
    minimal: minimalConfigText,
  };
  try {
    const files: string[] = [];
    for (const [name, config] of Object.entries(configs)) {
      const orderFile = join(dir, `parley-${name}.order`);
      const runDir = join(work, name);
      rmSync(orderFile, { force: true });
      mkdirSync(runDir, { recursive: true });
      await startAndStop(binary, runDir, config, null);
      await startAndStop(binary, runDir, config, orderFile);
      if (!statSync(orderFile, { throwIfNoEntry: false })?.size) throw new Error(`the binary wrote no profile for the ${name} config`);
      files.push(orderFile);
    }
    return files;
  } finally {
    await smtp.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
