/**
 * Start-up figures of the compiled binary, the numbers the README promises:
 *   - binary size;
 *   - cold start: from spawn to the first 200 on /readyz (database opened and migrated, config
 *     validated, UI registered, socket listening), median and worst of N runs on an existing data dir,
 *     plus the very first start on an empty data dir (creates and migrates the database);
 *   - idle RSS one second after start (kernel's VmRSS).
 *
 *   bun scripts/bench-startup.ts [--runs 10]        (builds dist/parley first if it is stale)
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { ensureBinary, freePort, minimalConfig } from "../tests/e2e/harness";
import { numArg, parseArgs, rssBytes, Samples } from "./bench-stats";

const args = parseArgs(process.argv.slice(2));
const runs = numArg(args, "runs", 10);
const binary = await ensureBinary();
const dir = mkdtempSync(join(tmpdir(), "parley-bench-"));
const configFile = join(dir, "parley.yaml");

/** Spawns the server, polls /readyz every millisecond, returns ms to ready and the RSS after 1 s idle. */
async function startOnce(measureRss: boolean): Promise<{ readyMs: number; rss: number }> {
  const port = freePort();
  writeFileSync(configFile, stringify({ ...minimalConfig(), server: { host: "127.0.0.1", port, logLevel: "warn" }, storage: { dataDir: join(dir, "data") } }));
  const started = performance.now();
  const proc = Bun.spawn([binary, "serve", "--config", configFile], { cwd: dir, stdout: "ignore", stderr: "inherit" });
  let readyMs = -1;
  while (readyMs < 0) {
    if (proc.exitCode !== null) throw new Error(`parley exited with ${proc.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200) readyMs = performance.now() - started;
    } catch {
      await Bun.sleep(1);
    }
  }
  let rss = 0;
  if (measureRss) {
    await Bun.sleep(1000);
    rss = rssBytes(proc.pid);
  }
  proc.kill("SIGTERM");
  await proc.exited;
  return { readyMs, rss };
}

const first = await startOnce(false);
const cold = new Samples();
let rss = 0;
for (let i = 0; i < runs; i++) {
  const run = await startOnce(i === runs - 1);
  cold.add(run.readyMs);
  if (run.rss) rss = run.rss;
}
rmSync(dir, { recursive: true, force: true });

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
console.log(`binary size            ${mb(Bun.file(binary).size)} MB`);
console.log(`first start (new db)   ${first.readyMs.toFixed(0)} ms`);
console.log(`cold start to /readyz  median ${cold.percentile(0.5)} ms, max ${cold.percentile(1)} ms (${runs} runs)`);
console.log(`idle RSS after start   ${mb(rss)} MB`);
