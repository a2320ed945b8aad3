/**
 * Profile-guided bytecode layout for the binary (`bun build --compile --bytecode-order`, Bun 1.4):
 * a first build is started once the way an appliance starts — an existing data directory, then the
 * probes monitoring calls — with `BUN_BYTECODE_ORDER_OUT` set; Bun writes which functions ran on
 * exit, and the second build places their bytecode together at the front. A start then touches fewer
 * pages of the binary: about 2 MB less idle RSS (scripts/bench-startup.ts, docs/operations.md).
 *
 * The profile holds hashes of functions, not code; functions it misses are laid out after it, so a
 * stale or partial profile only costs some of the gain, never correctness.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** How long a start may take before recording gives up (a cold start is ~0.1 s). */
const READY_TIMEOUT_MS = 20_000;
/** What monitoring calls on an idle appliance; their code belongs to the hot layout too. */
const PROBES = ["/readyz", "/healthz", "/metrics"];

/** A free loopback TCP port (bound, then released). */
function freePort(): number {
  const probe = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = probe.port;
  probe.stop(true);
  return port;
}

/** Runs `binary serve` once on `dataDir`; with `orderFile`, Bun records the functions used into it. */
async function startAndStop(binary: string, dir: string, orderFile: string | null): Promise<void> {
  const port = freePort();
  const configFile = join(dir, "parley.yaml");
  writeFileSync(
    configFile,
    [
      "server: { host: 127.0.0.1, port: " + port + ", logLevel: warn }",
      `storage: { dataDir: ${JSON.stringify(join(dir, "data"))} }`,
      "operators:",
      "  - { id: admin, name: Admin, email: admin@example.com, role: admin }",
      "",
    ].join("\n"),
  );
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
    for (const path of PROBES) await (await fetch(`http://127.0.0.1:${port}${path}`)).arrayBuffer();
  } finally {
    proc.kill("SIGTERM");
    await proc.exited;
  }
  if (proc.exitCode !== 0) throw new Error(`parley did not stop cleanly (exit ${proc.exitCode}): ${(await stderr).slice(-2000)}`);
}

/**
 * Records the start-up profile of `binary` into `orderFile`. The first start creates and migrates a
 * database; the second, the one recorded, is an ordinary restart. Throws if the binary cannot start.
 */
export async function recordStartupOrder(binary: string, orderFile: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "parley-order-"));
  try {
    rmSync(orderFile, { force: true });
    await startAndStop(binary, dir, null);
    await startAndStop(binary, dir, orderFile);
    if (!statSync(orderFile, { throwIfNoEntry: false })?.size) throw new Error("the binary wrote no profile");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
