import { describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { CommandQueue, OutputGate, type BatchTransaction } from "./group-commit";

/** A queue over a real SQLite database whose flushes the test triggers. */
function setup(maxBatch = 512) {
  const db = new Database(":memory:");
  db.run("CREATE TABLE t (x INTEGER)");
  let commits = 0;
  const tx = db.transaction((fn: () => unknown) => fn());
  const transaction: BatchTransaction = (fn) => {
    const result = tx.immediate(fn) as ReturnType<typeof fn>;
    commits++;
    return result;
  };
  const gate = new OutputGate();
  const failures: unknown[] = [];
  let scheduled: (() => void) | null = null;
  const queue = new CommandQueue(transaction, gate, (e) => failures.push(e), { maxBatch }, (fn) => (scheduled = fn));
  const sent: string[] = [];
  const target = { flushHeld: (actions: readonly ({ text: string } | { close: readonly [number, string] })[]) => actions.forEach((a) => "text" in a && sent.push(a.text)) };
  const send = (text: string) => (gate.holding ? gate.push(target, { text }) : sent.push(text));
  const runScheduled = () => {
    const fn = scheduled;
    scheduled = null;
    fn?.();
  };
  return { db, queue, gate, sent, send, failures, runScheduled, commits: () => commits };
}

describe("group commit", () => {
  test("commands of one turn share one transaction; their frames leave only after the commit, in order", () => {
    const s = setup();
    for (let i = 1; i <= 3; i++) {
      s.queue.submit(() => {
        s.db.run("INSERT INTO t VALUES (?)", [i]);
        s.send(`ack ${i}`);
      });
    }
    expect(s.sent).toEqual([]);
    expect(s.queue.pending).toBe(3);
    s.runScheduled();
    expect(s.commits()).toBe(1);
    expect(s.sent).toEqual(["ack 1", "ack 2", "ack 3"]);
    expect(s.db.query("SELECT count(*) AS n FROM t").get()).toEqual({ n: 3 });
  });

  test("a command that fails inside its own savepoint does not undo the others", () => {
    const s = setup();
    const inner = s.db.transaction(() => {
      s.db.run("INSERT INTO t VALUES (99)");
      throw new Error("refused");
    });
    s.queue.submit(() => s.db.run("INSERT INTO t VALUES (1)"));
    s.queue.submit(() => {
      try {
        inner.immediate();
      } catch {
        s.send("error 2");
      }
    });
    s.queue.submit(() => s.db.run("INSERT INTO t VALUES (3)"));
    s.runScheduled();
    expect(s.db.query("SELECT x FROM t ORDER BY x").all()).toEqual([{ x: 1 }, { x: 3 }]);
    expect(s.sent).toEqual(["error 2"]);
  });

  test("when the commit fails nothing held is sent and the failure is reported", () => {
    const gate = new OutputGate();
    const failures: unknown[] = [];
    let scheduled: (() => void) | null = null;
    const failing: BatchTransaction = (fn) => {
      fn();
      throw new Error("disk I/O error");
    };
    const queue = new CommandQueue(failing, gate, (e, dropped) => failures.push([String(e), dropped]), { maxBatch: 10 }, (fn) => (scheduled = fn));
    const sent: string[] = [];
    queue.submit(() => gate.push({ flushHeld: () => void sent.push("ack") }, { text: "ack" }));
    scheduled!();
    expect(sent).toEqual([]);
    expect(failures).toEqual([["Error: disk I/O error", 1]]);
    expect(gate.holding).toBe(false);
  });

  test("a batch is capped; the rest runs in the next turn", () => {
    const s = setup(2);
    for (let i = 0; i < 5; i++) s.queue.submit(() => s.send(String(i)));
    s.runScheduled();
    expect(s.sent).toEqual(["0", "1"]);
    s.runScheduled();
    s.runScheduled();
    expect(s.sent).toEqual(["0", "1", "2", "3", "4"]);
    expect(s.commits()).toBe(3);
  });

  test("held frames are delivered per socket in order, each socket's frames together", () => {
    const gate = new OutputGate();
    const got: string[] = [];
    const a = { flushHeld: (xs: readonly any[]) => void got.push(`a:${xs.map((x) => x.text).join(",")}`) };
    const b = { flushHeld: (xs: readonly any[]) => void got.push(`b:${xs.map((x) => x.text).join(",")}`) };
    gate.hold();
    gate.push(a, { text: "1" });
    gate.push(b, { text: "2" });
    gate.push(a, { text: "3" });
    gate.release();
    expect(got).toEqual(["a:1,3", "b:2"]);
  });

  test("without a batch transaction commands run at once", () => {
    const gate = new OutputGate();
    const queue = new CommandQueue(null, gate, () => {});
    let ran = false;
    queue.submit(() => (ran = true));
    expect(ran).toBe(true);
  });
});
