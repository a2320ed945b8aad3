import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { releasableMappings, releaseStartupPages } from "./startup-pages";

const EXE = "/usr/local/bin/parley";
const SMAPS = [
  `00200000-01a39000 r--p 00000000 fe:00 42 ${EXE}`,
  "Rss:                8068 kB",
  "Anonymous:             0 kB",
  `01a40000-0684a000 r-xp 01838000 fe:00 42 ${EXE}`,
  "Rss:               35460 kB",
  "Anonymous:             0 kB",
  `0684a000-0685f000 rw-p 06641000 fe:00 42 ${EXE}`,
  "Rss:                  84 kB",
  "Anonymous:            84 kB",
  `0685f000-06867000 r--p 06656000 fe:00 42 ${EXE}`,
  "Rss:                  32 kB",
  "Anonymous:            12 kB",
  "7f0000000000-7f0000100000 r-xp 00000000 fe:00 7 /usr/lib/x86_64-linux-gnu/libc.so.6",
  "Rss:                1168 kB",
  "Anonymous:             0 kB",
  "7f0000200000-7f0000300000 rw-p 00000000 00:00 0 ",
  "Rss:               22100 kB",
  "Anonymous:         22100 kB",
].join("\n");

describe("releasableMappings", () => {
  test("takes the binary's read-only mappings that hold no private page, nothing else", () => {
    expect(releasableMappings(SMAPS, EXE)).toEqual([
      { start: 0x200000n, end: 0x1a39000n, residentBytes: 8068 * 1024 },
      { start: 0x1a40000n, end: 0x684a000n, residentBytes: 35460 * 1024 },
    ]);
  });

  test("skips a read-only mapping with a written page (it exists only in the process) and other files", () => {
    const paths = releasableMappings(SMAPS, EXE).map((m) => m.start);
    expect(paths).not.toContain(0x685f000n);
    expect(releasableMappings(SMAPS, "/usr/bin/other")).toEqual([]);
  });
});

describe("releaseStartupPages", () => {
  test.if(process.platform === "linux")("unmaps this process's clean binary pages and the process keeps running", () => {
    const fileKb = () => Number(/RssFile:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0);
    const before = fileKb();
    const outcome = releaseStartupPages();
    const after = fileKb();
    expect(outcome.released).toBe(true);
    if (outcome.released) expect(outcome.bytes).toBeGreaterThan(1024 * 1024);
    expect(after).toBeLessThan(before - 1024);
    // Code that ran before runs again from the pages mapped back on demand.
    expect(JSON.parse(JSON.stringify({ ok: [1, 2, 3] })).ok.length).toBe(3);
  });
});
