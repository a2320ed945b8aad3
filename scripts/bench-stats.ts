/**
 * Measurement helpers shared by the benchmark scripts: latency recorders, percentiles, and reading a
 * server's CPU time and RSS from /proc (so the figures come from the kernel, not from the server).
 */
import { readFileSync } from "node:fs";

/** Clock ticks per second for /proc/<pid>/stat utime/stime (CLK_TCK, 100 on Linux). */
const CLK_TCK = 100;

/** CPU time (user + system) a process has used, in microseconds; 0 if unreadable. */
export function cpuMicros(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / CLK_TCK;
  } catch {
    return 0;
  }
}

/** Resident set size of a process in bytes (VmRSS), 0 if unreadable. */
export function rssBytes(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** A growable list of latency samples in milliseconds. */
export class Samples {
  private data = new Float64Array(1 << 16);
  private n = 0;

  add(ms: number): void {
    if (this.n === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.n++] = ms;
  }

  get count(): number {
    return this.n;
  }

  /** The p-quantile (0..1) in ms rounded to 0.01, or null without samples. */
  percentile(p: number): number | null {
    if (this.n === 0) return null;
    const sorted = this.data.slice(0, this.n).sort();
    return Math.round(sorted[Math.min(this.n - 1, Math.floor(this.n * p))]! * 100) / 100;
  }

  reset(): void {
    this.n = 0;
  }
}

/** Column widths of a rate line, so one script's rows line up. */
export interface RateColumns {
  readonly label: number;
  readonly micros: number;
}

/**
 * A reporter that runs `fn` `n` times and prints its throughput (/s) and the mean cost of one call
 * (µs), in the script's column widths.
 */
export function rateReporter(columns: RateColumns): (label: string, n: number, fn: (i: number) => void) => void {
  return (label, n, fn) => {
    const started = performance.now();
    for (let i = 0; i < n; i++) fn(i);
    const ms = performance.now() - started;
    console.log(`${label.padEnd(columns.label)} ${Math.round((n / ms) * 1000).toLocaleString("en").padStart(12)} /s   ${((ms * 1000) / n).toFixed(2).padStart(columns.micros)} µs each`);
  };
}

/** `--name value` / `--flag` command-line arguments into a map. */
export function parseArgs(argv: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) continue;
    const next = argv[i + 1];
    if (next === undefined || next.startsWith("--")) out.set(a.slice(2), "1");
    else {
      out.set(a.slice(2), next);
      i++;
    }
  }
  return out;
}

/** A numeric argument with a default. */
export function numArg(args: Map<string, string>, name: string, def: number): number {
  const v = args.get(name);
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got ${v}`);
  return n;
}
