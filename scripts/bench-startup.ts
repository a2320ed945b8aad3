/**
 * Start-up figures of the compiled binary, the numbers the README promises:
 *   - binary size;
 *   - cold start: from spawn to the first 200 on /readyz (database opened and migrated, config
 *     validated, UI registered, socket listening), median and worst of N runs on an existing data dir,
 *     plus the very first start on an empty data dir (creates and migrates the database);
 *   - idle RSS (kernel's VmRSS) at given times after /readyz first answered (`--idle`, 1 and 5 s by
 *     default), median of the N runs, split into private memory (RssAnon: JS heap, malloc) and
 *     file-backed pages of the binary (RssFile: the runtime's machine code and the embedded module
 *     graph the process touched). At 1 s the start-up garbage may not be collected yet; by 5 s the
 *     process has settled, which is the figure an idle appliance shows for hours.
 *
 * Each figure is taken under two configurations (`--configs`, both by default):
 *   - `example`: config.example.yaml as shipped (opening hours in a timezone, departments, URL
 *     routing, knowledge base file, questionnaires, smtp…), with its `smtp` pointed at a local test
 *     SMTP server so the start-up connection check succeeds as on a real appliance;
 *   - `minimal`: one admin, nothing else — the floor.
 *
 * With `--monitored S`, each case is also started once and monitored the way a supervisor and
 * Prometheus do — `/healthz`, `/readyz` and `/metrics` every {@link PROBE_EVERY_MS} — and its RSS is
 * read after S seconds of that: an idle figure that only held while nobody called the server would
 * not be the one the target is about.
 *
 *   bun scripts/bench-startup.ts [--runs 10] [--configs example,minimal] [--idle 1,5] [--monitored 60]   dist/parley (built first if stale)
 *   bun scripts/bench-startup.ts --compare a,b[,c…] [--runs 10]
 *
 * `--compare` measures several binaries (e.g. two compile-flag variants) round-robin in the same
 * run, so a noisy shared machine disturbs every variant alike: compare them, not separate runs.
 * Start a variant with extra environment (e.g. `BUN_JSC_…`) by naming it `path?NAME=value&…`.
 *
 * The binary pages figure depends on how much of the binary is in the page cache: the kernel maps
 * up to 64 KB of cached neighbours on each page fault, so a binary just written by the build (all
 * of it cached) shows ~4 MB more than the same binary after a reboot (cached only by its own reads).
 * Every binary is therefore dropped from the page cache before the runs (`dd iflag=nocache`, as
 * after a reboot); the first, unmeasured start of each case reads it back.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TestSmtpServer } from "../src/mail/smtp.testing";
import { ensureBinary } from "../tests/e2e/harness";
import { parseArgs, numArg, Samples } from "./bench-stats";
import { exampleConfigText, freePort, minimalConfigText } from "./bytecode-order";

/** The configurations a start can be measured under. */
const CONFIGS = ["example", "minimal"] as const;
type ConfigName = (typeof CONFIGS)[number];

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

/** RSS samples (MB) taken at one idle time. */
class RssSamples {
  readonly total = new Samples();
  readonly anon = new Samples();
  readonly file = new Samples();

  add(rss: Rss): void {
    this.total.add(rss.total / 1024 / 1024);
    this.anon.add(rss.anon / 1024 / 1024);
    this.file.add(rss.file / 1024 / 1024);
  }
}

/** What one (variant, configuration) case measured over the runs. */
interface Figures {
  readonly cold: Samples;
  /** One entry per `--idle` time. */
  readonly idle: RssSamples[];
  readonly firstStartMs: number;
  /** RSS after `--monitored` seconds of probes (one start), when asked for. */
  monitored?: Rss;
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

/** Drops `file` from the page cache (written back first), so every binary starts from the state a reboot leaves. */
function dropFromPageCache(file: string): void {
  const sync = Bun.spawnSync(["sync", file]);
  const drop = Bun.spawnSync(["dd", `if=${file}`, "iflag=nocache", "count=0", "status=none"]);
  if (sync.exitCode !== 0 || drop.exitCode !== 0) console.warn(`warning: could not drop ${file} from the page cache; its binary pages figure may read high`);
}

/** The YAML text of configuration `name`, listening on `port` with its data in `dataDir`. */
function configText(name: ConfigName, port: number, dataDir: string, smtp: TestSmtpServer): string {
  return name === "minimal" ? minimalConfigText({ port, dataDir }) : exampleConfigText({ port, dataDir }, smtp.settings());
}

/** How often a monitored start is probed (`--monitored`): a usual Prometheus scrape interval, twice as often as Docker's default health check. */
const PROBE_EVERY_MS = 15_000;
/** What a supervisor and a Prometheus server call on an idle appliance. */
const PROBES = ["/healthz", "/readyz", "/metrics"];

/** Waits until `until` (performance.now() time); when `port` is given, calls every probe on it every PROBE_EVERY_MS meanwhile. */
async function idleUntil(until: number, port: number | null): Promise<void> {
  while (port !== null && until - performance.now() > PROBE_EVERY_MS) {
    for (const path of PROBES) await (await fetch(`http://127.0.0.1:${port}${path}`)).arrayBuffer();
    await Bun.sleep(PROBE_EVERY_MS);
  }
  await Bun.sleep(Math.max(0, until - performance.now()));
}

/**
 * Spawns the server, polls /readyz every millisecond, returns ms to ready and the RSS at each of
 * `idleMs` after it (probed meanwhile when `monitored`).
 */
async function startOnce(
  variant: Variant,
  config: ConfigName,
  smtp: TestSmtpServer,
  dataDir: string,
  workDir: string,
  idleMs: readonly number[],
  monitored = false,
): Promise<{ readyMs: number; idle: Rss[] }> {
  const port = freePort();
  const configFile = join(workDir, "parley.yaml");
  writeFileSync(configFile, configText(config, port, dataDir, smtp));
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
  const ready = performance.now();
  const idle: Rss[] = [];
  for (const ms of idleMs) {
    await idleUntil(ready + ms, monitored ? port : null);
    idle.push(rssOf(proc.pid));
  }
  proc.kill("SIGTERM");
  await proc.exited;
  return { readyMs, idle };
}

const args = parseArgs(process.argv.slice(2));
const runs = numArg(args, "runs", 10);
const variants = args.has("compare") ? args.get("compare")!.split(",").map(parseVariant) : [parseVariant(await ensureBinary())];
const configs = (args.get("configs") ?? CONFIGS.join(",")).split(",").map((name) => {
  if (!(CONFIGS as readonly string[]).includes(name)) throw new Error(`--configs: unknown configuration ${name} (known: ${CONFIGS.join(", ")})`);
  return name as ConfigName;
});
const idleSeconds = (args.get("idle") ?? "1,5").split(",").map(Number);
if (idleSeconds.some((s) => !(s >= 0)) || idleSeconds.some((s, i) => i > 0 && s <= idleSeconds[i - 1]!)) throw new Error("--idle: increasing seconds, e.g. 1,5");
const idleMs = idleSeconds.map((s) => s * 1000);
const monitoredSeconds = args.has("monitored") ? numArg(args, "monitored", 60) : null;

const root = mkdtempSync(join(tmpdir(), "parley-bench-"));
const smtp = await TestSmtpServer.start();
/** Every (variant, configuration) pair measured, with its own data directory. */
const cases = variants.flatMap((variant, i) => configs.map((config) => ({ variant, config, dataDir: join(root, `data-${i}-${config}`) })));
const figures = new Map<(typeof cases)[number], Figures>();

try {
  for (const variant of variants) dropFromPageCache(variant.binary);
  for (const c of cases) {
    const first = await startOnce(c.variant, c.config, smtp, c.dataDir, root, []);
    figures.set(c, { cold: new Samples(), idle: idleMs.map(() => new RssSamples()), firstStartMs: first.readyMs });
  }
  // Round-robin: run k of every case before run k+1 of any, so load spikes hit them all.
  for (let run = 0; run < runs; run++) {
    for (const c of cases) {
      const { readyMs, idle } = await startOnce(c.variant, c.config, smtp, c.dataDir, root, idleMs);
      const f = figures.get(c)!;
      f.cold.add(readyMs);
      idle.forEach((rss, i) => f.idle[i]!.add(rss));
    }
  }
  if (monitoredSeconds !== null) {
    for (const c of cases) figures.get(c)!.monitored = (await startOnce(c.variant, c.config, smtp, c.dataDir, root, [monitoredSeconds * 1000], true)).idle[0];
  }
} finally {
  await smtp.stop();
  rmSync(root, { recursive: true, force: true });
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const med = (s: Samples) => (s.percentile(0.5) ?? 0).toFixed(1);
for (const c of cases) {
  const f = figures.get(c)!;
  console.log(`\n== ${c.variant.label}, ${c.config} config`);
  console.log(`binary size            ${mb(Bun.file(c.variant.binary).size)} MB`);
  console.log(`first start (new db)   ${f.firstStartMs.toFixed(0)} ms`);
  // The minimum is the best estimate of an unloaded machine; the median and max show the noise.
  console.log(`cold start to /readyz  median ${f.cold.percentile(0.5)} ms, min ${f.cold.percentile(0)} ms, max ${f.cold.percentile(1)} ms (${runs} runs)`);
  idleSeconds.forEach((seconds, i) => {
    const rss = f.idle[i]!;
    const label = `idle RSS at ${seconds} s`.padEnd(22);
    console.log(`${label} median ${med(rss.total)} MB (private ${med(rss.anon)} MB + binary pages ${med(rss.file)} MB), max ${(rss.total.percentile(1) ?? 0).toFixed(1)} MB`);
  });
  if (f.monitored) {
    console.log(`monitored RSS          ${mb(f.monitored.total)} MB (private ${mb(f.monitored.anon)} MB + binary pages ${mb(f.monitored.file)} MB) after ${monitoredSeconds} s of ${PROBES.join(", ")} every ${PROBE_EVERY_MS / 1000} s (one start)`);
  }
}
