import { describe, expect, test } from "bun:test";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MINIMAL } from "./config.fixtures";
import { formatIssues } from "./issue.model";
import { loadConfig } from "./load";
import type { Config } from "./schema";
import { ConfigStore } from "./store";

/** A store over a fresh file holding `text`, plus a way to rewrite the file. */
function storeWith(text: string, logger?: { error(msg: string, fields?: Record<string, unknown>): void }) {
  const file = join(mkdtempSync(join(tmpdir(), "parley-store-")), "parley.yaml");
  writeFileSync(file, text);
  const loaded = loadConfig(file, {});
  if (!loaded.ok) throw new Error(formatIssues(loaded.errors));
  const store = new ConfigStore(file, loaded.config, { env: {}, logger });
  return { store, write: (next: string) => writeFileSync(file, next) };
}

const withTitle = (title: string) => `${MINIMAL}widget:\n  title: ${title}\n`;

describe("ConfigStore.reload", () => {
  test("a valid file is swapped in and listeners get next and prev", async () => {
    const { store, write } = storeWith(withTitle("Hello"));
    const seen: [string, string][] = [];
    store.subscribe((next, prev) => seen.push([next.widget.title, prev.widget.title]));
    write(withTitle("Bonjour"));
    const result = await store.reload();
    expect(result).toMatchObject({ ok: true, changed: true });
    expect(store.current().widget.title).toBe("Bonjour");
    expect(seen).toEqual([["Bonjour", "Hello"]]);
  });

  test("an invalid file is refused with its errors and the old config stays", async () => {
    const { store, write } = storeWith(withTitle("Hello"));
    const before = store.current();
    let calls = 0;
    store.subscribe(() => calls++);
    write(`${withTitle("Bonjour")}server:\n  port: http\n`);
    const result = await store.reload();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(formatIssues(result.errors)).toContain("server.port: expected an integer");
    expect(store.current()).toBe(before);
    expect(calls).toBe(0);
  });

  test("an unchanged file reports changed: false and does not call listeners", async () => {
    const { store } = storeWith(withTitle("Hello"));
    let calls = 0;
    store.subscribe(() => calls++);
    const before = store.current();
    expect(await store.reload()).toMatchObject({ ok: true, changed: false });
    expect(store.current()).toBe(before);
    expect(calls).toBe(0);
  });

  test("unsubscribe stops notifications", async () => {
    const { store, write } = storeWith(withTitle("A"));
    let calls = 0;
    const unsubscribe = store.subscribe(() => calls++);
    unsubscribe();
    write(withTitle("B"));
    await store.reload();
    expect(calls).toBe(0);
  });

  test("a throwing listener is logged and the others still run", async () => {
    const logged: string[] = [];
    const { store, write } = storeWith(withTitle("A"), { error: (msg) => logged.push(msg) });
    let reached = false;
    store.subscribe(() => {
      throw new Error("boom");
    });
    store.subscribe(() => (reached = true));
    write(withTitle("B"));
    expect((await store.reload()).ok).toBe(true);
    expect(reached).toBe(true);
    expect(logged).toEqual(["config listener failed"]);
  });
});

describe("validators", () => {
  const veto = (candidate: Config) =>
    candidate.widget.title === "Forbidden" ? [{ file: "x", line: 3, column: 10, path: "widget.title", expected: "", found: "", message: "no" }] : [];

  test("a validator can veto a reload; the old config stays", async () => {
    const { store, write } = storeWith(withTitle("Fine"));
    store.addValidator(veto);
    write(withTitle("Forbidden"));
    const result = await store.reload();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]!.path).toBe("widget.title");
    expect(store.current().widget.title).toBe("Fine");
  });

  test("an async validator is awaited, and a removed one no longer vetoes", async () => {
    const { store, write } = storeWith(withTitle("Fine"));
    const remove = store.addValidator(async (candidate) => veto(candidate));
    write(withTitle("Forbidden"));
    expect((await store.reload()).ok).toBe(false);
    remove();
    expect((await store.reload()).ok).toBe(true);
    expect(store.current().widget.title).toBe("Forbidden");
  });

  test("a validator that throws refuses the reload with its message", async () => {
    const { store, write } = storeWith(withTitle("Fine"));
    store.addValidator(() => {
      throw new Error("plugin folder unreadable");
    });
    write(withTitle("Other"));
    const result = await store.reload();
    expect(!result.ok && result.errors[0]!.message).toBe("a reload check failed: plugin folder unreadable");
  });

  test("reloads run one at a time, in call order", async () => {
    const { store, write } = storeWith(withTitle("A"));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];
    store.addValidator(async (candidate) => {
      order.push(`start ${candidate.widget.title}`);
      if (order.length === 1) await gate;
      order.push(`end ${candidate.widget.title}`);
      return [];
    });
    write(withTitle("B"));
    const first = store.reload();
    const second = store.reload();
    await Promise.resolve();
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(["start B", "end B", "start B", "end B"]);
  });
});

describe("keys that need a restart", () => {
  test("a new port is reported and kept at its running value; other changes apply", async () => {
    const { store, write } = storeWith(`server:\n  port: 8080\n${withTitle("A")}`);
    write(`server:\n  port: 9090\n${withTitle("B")}`);
    const result = await store.reload();
    expect(result).toMatchObject({ ok: true, changed: true, restartRequired: ["server.port: 8080 → 9090"] });
    expect(store.current().server.port).toBe(8080);
    expect(store.current().widget.title).toBe("B");
    expect(Object.isFrozen(store.current().server)).toBe(true);
  });

  test("a restart-only change alone is not a live change", async () => {
    const { store, write } = storeWith(withTitle("A"));
    write(`storage:\n  dataDir: /var/lib/elsewhere\n${withTitle("A")}`);
    const result = await store.reload();
    expect(result).toMatchObject({ ok: true, changed: false });
    expect(result.ok && result.restartRequired[0]).toEndWith("→ /var/lib/elsewhere");
  });
});
