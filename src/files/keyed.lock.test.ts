import { describe, expect, test } from "bun:test";
import { KeyedLock } from "./keyed.lock";

/** A promise the test resolves by hand, to hold a lock open at a chosen moment. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe("KeyedLock", () => {
  test("work on the same key runs one at a time, in arrival order", async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const first = gate();
    const a = lock.run("k", async () => {
      log.push("a starts");
      await first.opened;
      log.push("a ends");
    });
    const b = lock.run("k", async () => {
      log.push("b runs");
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(log).toEqual(["a starts"]);
    first.open();
    await Promise.all([a, b]);
    expect(log).toEqual(["a starts", "a ends", "b runs"]);
  });

  test("different keys do not wait for each other", async () => {
    const lock = new KeyedLock();
    const held = gate();
    const slow = lock.run("x", () => held.opened);
    expect(await lock.run("y", async () => "done")).toBe("done");
    held.open();
    await slow;
  });

  test("a failing holder passes its error to its caller and releases the key", async () => {
    const lock = new KeyedLock();
    const failed = lock.run("k", async () => {
      throw new Error("boom");
    });
    await expect(failed).rejects.toThrow("boom");
    expect(await lock.run("k", async () => 42)).toBe(42);
  });
});
