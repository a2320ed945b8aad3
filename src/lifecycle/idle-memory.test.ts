import { describe, expect, test } from "bun:test";
import { QuietDetector } from "./idle-memory";

describe("giving idle memory back when the writes stop", () => {
  test("shrinks once after a whole period without a write, and again only after new writes went quiet", () => {
    const quiet = new QuietDetector();
    expect(quiet.tick(10)).toBe(false); // first reading: nothing to compare with
    expect(quiet.tick(25)).toBe(false); // writes in the period: busy
    expect(quiet.tick(25)).toBe(true); // a period without writes: shrink
    expect(quiet.tick(25)).toBe(false); // still quiet: already shrunk
    expect(quiet.tick(25)).toBe(false);
    expect(quiet.tick(26)).toBe(false); // one write: busy again
    expect(quiet.tick(26)).toBe(true); // quiet again: shrink again
  });
});
