/**
 * End-to-end harness: runs the compiled binary (dist/parley) the way an admin would — a config
 * file, a data directory, a port — and gives tests its URL, its log lines and its exit code.
 *
 * The binary is built once per run: `ensureBinary()` rebuilds when dist/parley is missing or older
 * than any source, under a lock directory so concurrent test processes never build twice at once.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Subprocess } from "bun";
import { parse, stringify } from "yaml";

/** Repository root. */
export const ROOT = resolve(import.meta.dir, "../..");
/** The binary under test. */
export const BINARY = join(ROOT, "dist", "parley");
/** Per-test timeout for e2e files (`setDefaultTimeout(E2E_TIMEOUT_MS)`): a server start is a real process start. */
export const E2E_TIMEOUT_MS = 30_000;
/** Time allowed for `ensureBinary()` in a `beforeAll` (a cold build compiles the UI and the binary). */
export const BUILD_TIMEOUT_MS = 240_000;

const SOURCES = ["src", "ui", "plugins", "scripts/build.ts", "scripts/widget-build.ts", "package.json", "package-lock.json"];
const LOCK = join(ROOT, "dist", ".build.lock");

/** Newest modification time among the inputs of the binary (ui/dist and tests excluded). */
function newestSourceMtime(): number {
  let newest = 0;
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== "dist" && entry !== "node_modules") visit(join(path, entry));
    } else if (!/\.test\.ts$/.test(path)) newest = Math.max(newest, stat.mtimeMs);
  };
  for (const source of SOURCES) visit(join(ROOT, source));
  return newest;
}

const isFresh = () => existsSync(BINARY) && statSync(BINARY).mtimeMs >= newestSourceMtime();

/** Holds the build lock while `fn` runs; waits while another process holds it, takes over a dead holder's lock. */
async function withBuildLock<T>(fn: () => T | Promise<T>): Promise<T> {
  mkdirSync(join(ROOT, "dist"), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, "pid"), String(process.pid));
      break;
    } catch {
      const holder = Number(await Bun.file(join(LOCK, "pid")).text().catch(() => "0"));
      if (holder > 0 && !isAlive(holder)) rmSync(LOCK, { recursive: true, force: true });
      else await Bun.sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Builds dist/parley if it is missing or stale; returns its path. */
export async function ensureBinary(): Promise<string> {
  if (isFresh()) return BINARY;
  await withBuildLock(() => {
    if (isFresh()) return;
    const build = Bun.spawnSync([process.execPath, join(ROOT, "scripts/build.ts")], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
    if (build.exitCode !== 0) throw new Error(`build failed:\n${build.stderr.toString()}\n${build.stdout.toString()}`);
  });
  return BINARY;
}

/** A free TCP port on the loopback interface (bound then released). */
export function freePort(): number {
  const probe = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = probe.port;
  probe.stop(true);
  return port;
}

/** The smallest valid configuration: one admin. */
export function minimalConfig(): Record<string, unknown> {
  return { operators: [{ id: "admin", name: "Admin", email: "admin@example.com", role: "admin" }] };
}

/** Options of {@link startParley}. */
export interface StartParleyOptions {
  /** An object (port and dataDir are filled in when absent) or YAML text written verbatim. */
  config: Record<string, unknown> | string;
  env?: Record<string, string>;
  /** Extra arguments after `serve --config FILE`. */
  args?: string[];
  /** Wait until /readyz answers 200 (default true). Turn off for configs that must fail. */
  waitForReady?: boolean;
}

/** A running (or exited) Parley process. */
export interface ParleyProcess {
  readonly url: string;
  readonly port: number;
  readonly proc: Subprocess<"ignore", "pipe", "pipe">;
  /** Temporary directory holding the config file and the data directory. */
  readonly dir: string;
  readonly dataDir: string;
  readonly configFile: string;
  /** Every stdout/stderr line so far. */
  logs(): string[];
  /** Resolves with the first line (past or future) matching `re`; rejects after `timeoutMs` or if the process exits first. */
  waitForLog(re: RegExp, timeoutMs?: number, after?: number): Promise<string>;
  /** Sends `signal` (SIGTERM by default) and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number>;
}

const started = new Set<ParleyProcess>();
const tempDirs = new Set<string>();

/** Starts `parley serve` on a temporary data directory and a free port. */
export async function startParley(options: StartParleyOptions): Promise<ParleyProcess> {
  await ensureBinary();
  const dir = mkdtempSync(join(tmpdir(), "parley-e2e-"));
  tempDirs.add(dir);
  const dataDir = join(dir, "data");
  const configFile = join(dir, "parley.yaml");
  let port: number;
  if (typeof options.config === "string") {
    writeFileSync(configFile, options.config);
    const parsed = (() => {
      try {
        return parse(options.config) as { server?: { port?: unknown } } | null;
      } catch {
        return null;
      }
    })();
    port = typeof parsed?.server?.port === "number" ? parsed.server.port : 0;
  } else {
    const config = structuredClone(options.config) as { server?: Record<string, unknown>; storage?: Record<string, unknown> };
    config.server = { host: "127.0.0.1", port: freePort(), ...config.server };
    config.storage = { dataDir, ...config.storage };
    port = config.server.port as number;
    writeFileSync(configFile, stringify(config));
  }

  const proc = Bun.spawn([BINARY, "serve", "--config", configFile, ...(options.args ?? [])], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...options.env },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  const collect = async (stream: ReadableStream<Uint8Array>) => {
    let pending = "";
    const decoder = new TextDecoder();
    for await (const chunk of stream) {
      pending += decoder.decode(chunk, { stream: true });
      const parts = pending.split("\n");
      pending = parts.pop()!;
      lines.push(...parts);
      for (const wake of waiters) wake();
    }
    if (pending) lines.push(pending);
    for (const wake of waiters) wake();
  };
  const collecting = Promise.all([collect(proc.stdout), collect(proc.stderr)]);

  const parley: ParleyProcess = {
    url: `http://127.0.0.1:${port}`,
    port,
    proc,
    dir,
    dataDir,
    configFile,
    logs: () => [...lines],
    waitForLog(re, timeoutMs = 10_000, after = 0) {
      return new Promise((resolvePromise, reject) => {
        const check = () => {
          const hit = lines.slice(after).find((line) => re.test(line));
          if (hit !== undefined) return finish(() => resolvePromise(hit));
          if (proc.exitCode !== null || proc.signalCode !== null) {
            collecting.then(() => {
              const late = lines.slice(after).find((line) => re.test(line));
              finish(() => (late !== undefined ? resolvePromise(late) : reject(new Error(`process exited before logging ${re}:\n${lines.join("\n")}`))));
            });
          }
        };
        const timer = setTimeout(() => finish(() => reject(new Error(`no log line matching ${re} within ${timeoutMs} ms:\n${lines.join("\n")}`))), timeoutMs);
        const finish = (settle: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          settle();
        };
        waiters.add(check);
        void proc.exited.then(check);
        check();
      });
    },
    async stop(signal = "SIGTERM") {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      const code = await proc.exited;
      await collecting;
      started.delete(parley);
      return code;
    },
  };
  started.add(parley);
  if (options.waitForReady !== false) await waitForReady(parley);
  return parley;
}

/** Polls /readyz until 200; fails fast with the logs if the process exits. */
async function waitForReady(parley: ParleyProcess, timeoutMs = 15_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (parley.proc.exitCode !== null) throw new Error(`parley exited with ${parley.proc.exitCode} before becoming ready:\n${parley.logs().join("\n")}`);
    try {
      const res = await fetch(`${parley.url}/readyz`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await Bun.sleep(20);
  }
  throw new Error(`parley not ready within ${timeoutMs} ms:\n${parley.logs().join("\n")}`);
}

/** Runs the binary with arguments to completion (for one-shot commands). */
export async function runParley(args: string[], options: { cwd?: string; env?: Record<string, string>; stdin?: string } = {}) {
  await ensureBinary();
  const proc = Bun.spawn([BINARY, ...args], {
    cwd: options.cwd ?? tmpdir(),
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...options.env },
    stdin: options.stdin === undefined ? "ignore" : new TextEncoder().encode(options.stdin),
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { code, stdout, stderr };
}

/** Kills every process still running and removes every temporary directory (call in afterAll). */
export async function stopAll(): Promise<void> {
  for (const parley of [...started]) await parley.stop("SIGKILL");
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}
