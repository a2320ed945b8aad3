import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MINIMAL } from "./config.fixtures";
import { formatIssues, type ConfigLogger } from "./issue.model";
import { loadConfig } from "./load";
import { ConfigStore } from "./store";
import { watchConfig } from "./watch";

interface Entry {
  level: "info" | "warn" | "error";
  msg: string;
  fields?: Record<string, unknown>;
}

/** A logger that records lines and lets a test await the next line matching a message. */
function recordingLogger() {
  const entries: Entry[] = [];
  const waiters: { match: string; resolve: (entry: Entry) => void }[] = [];
  const write = (level: Entry["level"]) => (msg: string, fields?: Record<string, unknown>) => {
    const entry = { level, msg, fields };
    entries.push(entry);
    for (const waiter of waiters.filter((w) => msg === w.match)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(entry);
    }
  };
  const logger: ConfigLogger = { info: write("info"), warn: write("warn"), error: write("error") };
  const next = (match: string, timeoutMs = 5000) =>
    new Promise<Entry>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "${match}" within ${timeoutMs} ms; got: ${entries.map((e) => e.msg).join(", ")}`)), timeoutMs);
      waiters.push({ match, resolve: (entry) => (clearTimeout(timer), resolve(entry)) });
    });
  return { logger, entries, next };
}

const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

function setup(text: string, debounceMs = 30) {
  const dir = mkdtempSync(join(tmpdir(), "parley-watch-"));
  const file = join(dir, "parley.yaml");
  writeFileSync(file, text);
  const loaded = loadConfig(file, {});
  if (!loaded.ok) throw new Error(formatIssues(loaded.errors));
  const store = new ConfigStore(file, loaded.config, { env: {} });
  const log = recordingLogger();
  stops.push(watchConfig(store, { logger: log.logger, debounceMs }));
  return { dir, file, store, ...log };
}

const withTitle = (title: string) => `${MINIMAL}widget:\n  title: ${title}\n`;

describe("watchConfig", () => {
  test("rewriting the file reloads it", async () => {
    const { file, store, next } = setup(withTitle("Hello"));
    const reloaded = next("config reloaded");
    writeFileSync(file, withTitle("Bonjour"));
    expect((await reloaded).fields?.trigger).toBe("file change");
    expect(store.current().widget.title).toBe("Bonjour");
  });

  test("replacing the file by renaming a new one over it reloads it (editor-style save)", async () => {
    const { dir, file, store, next } = setup(withTitle("Hello"));
    const first = next("config reloaded");
    writeFileSync(join(dir, ".parley.yaml.swp"), withTitle("Hola"));
    renameSync(join(dir, ".parley.yaml.swp"), file);
    await first;
    expect(store.current().widget.title).toBe("Hola");
    const second = next("config reloaded");
    writeFileSync(join(dir, ".parley.yaml.tmp"), withTitle("Ciao"));
    renameSync(join(dir, ".parley.yaml.tmp"), file);
    await second;
    expect(store.current().widget.title).toBe("Ciao");
  });

  test("an invalid edit is refused and logged with every error; the old config stays", async () => {
    const { file, store, next } = setup(withTitle("Hello"));
    const refused = next("config reload refused");
    writeFileSync(file, `${withTitle("Bonjour")}server:\n  port: x\n  prot: 1\n`);
    const entry = await refused;
    expect(entry.level).toBe("error");
    expect(entry.fields?.errors).toEqual([
      `${file}:9:9 server.port: expected an integer from 0 to 65535, found "x"`,
      `${file}:10:3 server.prot: unknown key "prot" (did you mean "port"?)`,
    ]);
    expect(store.current().widget.title).toBe("Hello");
  });

  test("a change to server.port is logged as waiting for a restart", async () => {
    const { file, store, next } = setup(withTitle("Hello"));
    const warned = next("config change needs a restart to take effect");
    writeFileSync(file, `server:\n  port: 9999\n${withTitle("Hello")}`);
    expect((await warned).fields?.changes).toEqual(["server.port: 8080 → 9999"]);
    expect(store.current().server.port).toBe(8080);
  });

  test("editing the knowledge base file reloads the config", async () => {
    const dir = mkdtempSync(join(tmpdir(), "parley-watch-kb-"));
    writeFileSync(join(dir, "kb.yaml"), "- { title: Refunds, body: Within 30 days. }\n");
    writeFileSync(join(dir, "parley.yaml"), `${MINIMAL}knowledgeBase:\n  file: kb.yaml\n`);
    const loaded = loadConfig(join(dir, "parley.yaml"), {});
    if (!loaded.ok) throw new Error(formatIssues(loaded.errors));
    const store = new ConfigStore(join(dir, "parley.yaml"), loaded.config, { env: {} });
    const { logger, next } = recordingLogger();
    stops.push(watchConfig(store, { logger, debounceMs: 30 }));
    const reloaded = next("config reloaded");
    writeFileSync(join(dir, "kb.yaml"), "- { title: Refunds, body: Within 14 days. }\n");
    await reloaded;
    expect(store.current().knowledgeBase.articles[0]!.body).toBe("Within 14 days.");
  });

  test("SIGHUP reloads immediately", async () => {
    const { next } = setup(withTitle("Hello"), 60_000);
    const reloaded = next("config reloaded: no change");
    process.kill(process.pid, "SIGHUP");
    expect((await reloaded).fields?.trigger).toBe("SIGHUP");
  });

  test("stopping removes the signal handler", () => {
    const before = process.listenerCount("SIGHUP");
    setup(withTitle("Hello"));
    expect(process.listenerCount("SIGHUP")).toBe(before + 1);
    stops.pop()!();
    expect(process.listenerCount("SIGHUP")).toBe(before);
  });
});
