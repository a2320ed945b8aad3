/**
 * Once the server has started, most of the binary's pages it touched while starting (the runtime's
 * start-up machine code, module loading, config reading, migrations, the bytecode of code that ran
 * once) are never touched again, yet they stay mapped and count in the process's resident memory:
 * about 25 MB of the ~50 MB of binary pages an idle server shows (scripts/bench-startup.ts).
 *
 * {@link releaseStartupPages} unmaps them from the process with `madvise(MADV_DONTNEED)` on the
 * binary's read-only mappings. They are clean copies of the file, so nothing is lost: the kernel keeps
 * them in its page cache (the next start of the binary still finds them there), where they are
 * reclaimable like any unmapped file page, and the process maps back, with a minor fault, whatever it
 * runs again. Its resident set then holds what an idle server actually uses.
 *
 * Only mappings that hold no private page are released (`Anonymous: 0 kB` in /proc/self/smaps): on a
 * private mapping a written page (relocations, a frozen configuration page) exists only in the
 * process, and MADV_DONTNEED would replace it with the file's content. Writable mappings are never
 * touched. Linux only; anywhere the call cannot be made (no /proc, no glibc, FFI unavailable) it is
 * skipped and the process simply keeps its pages.
 */
import { readFileSync, realpathSync } from "node:fs";

/** `madvise` advice: drop the pages from this mapping (file pages stay in the page cache). */
const MADV_DONTNEED = 4;

/** One mapping of the binary, from /proc/self/smaps. */
export interface BinaryMapping {
  readonly start: bigint;
  readonly end: bigint;
  /** Resident bytes at the time of reading. */
  readonly residentBytes: number;
}

/**
 * The mappings of `executable` in `smaps` (the text of /proc/self/smaps) that may be released:
 * read-only (`r-xp`, `r--p`) and holding no private page.
 */
export function releasableMappings(smaps: string, executable: string): BinaryMapping[] {
  const mappings: BinaryMapping[] = [];
  let current: { start: bigint; end: bigint; eligible: boolean; rss: number | null; anonymous: number | null } | null = null;
  const flush = () => {
    if (current?.eligible && current.anonymous === 0 && current.rss !== null) mappings.push({ start: current.start, end: current.end, residentBytes: current.rss });
  };
  for (const line of smaps.split("\n")) {
    const header = /^([0-9a-f]+)-([0-9a-f]+) (\S{4}) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) {
      flush();
      const [, start = "0", end = "0", perms = "", path = ""] = header;
      current = { start: BigInt(`0x${start}`), end: BigInt(`0x${end}`), eligible: path === executable && (perms === "r-xp" || perms === "r--p"), rss: null, anonymous: null };
      continue;
    }
    const field = /^(Rss|Anonymous):\s+(\d+) kB/.exec(line);
    if (field && current) {
      if (field[1] === "Rss") current.rss = Number(field[2]) * 1024;
      else current.anonymous = Number(field[2]);
    }
  }
  flush();
  return mappings;
}

/** What {@link releaseStartupPages} did. */
export type ReleaseOutcome = { released: true; bytes: number; mappings: number } | { released: false; reason: string };

/** Unmaps the binary's start-up pages from this process (see the module comment); never throws. */
export function releaseStartupPages(): ReleaseOutcome {
  if (process.platform !== "linux") return { released: false, reason: `not on Linux (${process.platform})` };
  try {
    const executable = realpathSync(process.execPath);
    const mappings = releasableMappings(readFileSync("/proc/self/smaps", "utf8"), executable);
    if (mappings.length === 0) return { released: false, reason: `no read-only mapping of ${executable} without private pages` };
    // bun:ffi only here, loaded when used: it is not needed anywhere else.
    const { dlopen, FFIType } = require("bun:ffi") as typeof import("bun:ffi");
    const libc = dlopen("libc.so.6", { madvise: { args: [FFIType.u64, FFIType.u64, FFIType.i32], returns: FFIType.i32 } });
    try {
      let bytes = 0;
      for (const mapping of mappings) {
        if (libc.symbols.madvise(mapping.start, mapping.end - mapping.start, MADV_DONTNEED) === 0) bytes += mapping.residentBytes;
      }
      return { released: true, bytes, mappings: mappings.length };
    } finally {
      libc.close();
    }
  } catch (error) {
    return { released: false, reason: (error as Error).message };
  }
}
