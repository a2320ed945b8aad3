/**
 * Start-up figures of the compiled binary, the numbers the README promises:
 *   - binary size;
 *   - cold start: from spawn to the first 200 on /readyz (database opened and migrated, config
 *     validated, UI registered, socket listening), median and worst of N runs on an existing data dir,
 *     plus the very first start on an empty data dir (creates and migrates the database);
 *   - idle RSS one second after start (kernel's VmRSS), median of the N runs, split into private
 *     memory (RssAnon: JS heap, malloc) and file-backed pages of the binary (RssFile: the runtime's
 *     machine code and the embedded module graph the process touched).
 *
 *   bun scripts/bench-startup.ts [--runs 10]                 dist/parley (built first if stale)
 *   bun scripts/bench-startup.ts --compare a,b[,c…] [--runs 10]
 *
 * `--compare` measures several binaries (e.g. two compile-flag variants) round-robin in the same
 * run, so a noisy shared machine disturbs every variant alike: compare them, not separate runs.
 * Start a variant with extra environment (e.g. `BUN_JSC_…`) by naming it `path?NAME=value&…`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { ensureBinary, freePort, minimalConfig } from "../tests/e2e/harness";
import { parseArgs, numArg, Samples } from "./bench-stats";

/** One binary under test, with the extra environment it is started with. */
interface Variant {
  readonly label: string;
  readonly binary: string;
  readonly env: Record<string, string>;
}

/** Memory of a process from /proc/<pid>/status, in bytes. */
interface Rss {
  readonly total: number;
  readonly anon: number;
  readonly file: number;
}

/** What one variant measured over the runs. */
interface Figures {
  readonly cold: Samples;
  readonly rssTotal: Samples;
  readonly rssAnon: Samples;
  readonly rssFile: Samples;
  firstStartMs: number;
}

/** VmRSS, RssAnon and RssFile of a live process (0 when unreadable). */
function rssOf(pid: number): Rss {
  let status = "";
  try {
    status = readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return { total: 0, anon: 0, file: 0 };
  }
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
  return { total: kb("VmRSS"), anon: kb("RssAnon"), file: kb("RssFile") };
}

/** `path?NAME=value&NAME2=value` → a variant. */
function parseVariant(spec: string): Variant {
  const [binary, query] = spec.split("?", 2) as [string, string | undefined];
  return { label: spec, binary, env: Object.fromEntries(new URLSearchParams(query ?? "")) };
}

/** Spawns the server, polls /readyz every millisecond, returns ms to ready and the RSS after 1 s idle. */
async function startOnce(variant: Variant, dataDir: string, workDir: string): Promise<{ readyMs: number; rss: Rss }> {
  const port = freePort();
  const configFile = join(workDir, "parley.yaml");
  writeFileSync(configFile, stringify({ ...minimalConfig(), server: { host: "127.0.0.1", port, logLevel: "warn" }, storage: { dataDir } }));
  const started = performance.now();
  const proc = Bun.spawn([variant.binary, "serve", "--config", configFile], {
    cwd: workDir,
    env: { ...process.env, ...variant.env },
    stdout: "ignore",
    stderr: "inherit",
  });
  let readyMs = -1;
  while (readyMs < 0) {
    if (proc.exitCode !== null) throw new Error(`${variant.label} exited with ${proc.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200) readyMs = performance.now() - started;
    } catch {
      await Bun.sleep(1);
    }
  }
  await Bun.sleep(1000);
  const rss = rssOf(proc.pid);
  proc.kill("SIGTERM");
  await proc.exited;
  return { readyMs, rss };
}

const args = parseArgs(process.argv.slice(2));
const runs = numArg(args, "runs", 10);
const variants = args.has("compare") ? args.get("compare")!.split(",").map(parseVariant) : [parseVariant(await ensureBinary())];
const root = mkdtempSync(join(tmpdir(), "parley-bench-"));
const figures = new Map<Variant, Figures>();

try {
  for (const [i, variant] of variants.entries()) {
    const dataDir = join(root, `data-${i}`);
    const first = await startOnce(variant, dataDir, root);
    figures.set(variant, { cold: new Samples(), rssTotal: new Samples(), rssAnon: new Samples(), rssFile: new Samples(), firstStartMs: first.readyMs });
  }
  // Round-robin: run k of every variant before run k+1 of any, so load spikes hit them all.
  for (let run = 0; run < runs; run++) {
    for (const [i, variant] of variants.entries()) {
      const { readyMs, rss } = await startOnce(variant, join(root, `data-${i}`), root);
      const f = figures.get(variant)!;
      f.cold.add(readyMs);
      f.rssTotal.add(rss.total / 1024 / 1024);
      f.rssAnon.add(rss.anon / 1024 / 1024);
      f.rssFile.add(rss.file / 1024 / 1024);
    }
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const med = (s: Samples) => (s.percentile(0.5) ?? 0).toFixed(1);
for (const variant of variants) {
  const f = figures.get(variant)!;
  if (variants.length > 1) console.log(`\n== ${variant.label}`);
  console.log(`binary size            ${mb(Bun.file(variant.binary).size)} MB`);
  console.log(`first start (new db)   ${f.firstStartMs.toFixed(0)} ms`);
  // The minimum is the best estimate of an unloaded machine; the median and max show the noise.
  console.log(`cold start to /readyz  median ${f.cold.percentile(0.5)} ms, min ${f.cold.percentile(0)} ms, max ${f.cold.percentile(1)} ms (${runs} runs)`);
  console.log(`idle RSS after start   median ${med(f.rssTotal)} MB (private ${med(f.rssAnon)} MB + binary pages ${med(f.rssFile)} MB), max ${(f.rssTotal.percentile(1) ?? 0).toFixed(1)} MB`);
}
