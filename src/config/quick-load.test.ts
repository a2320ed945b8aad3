/**
 * The quick reader must never accept a config differently from the exact one: it reads the same
 * values on a valid file, hands every invalid or doubtful file to the exact reader (same errors, same
 * lines), and what only the exact reader can see (a repeated key) is caught by the confirmation.
 */
import { describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MINIMAL, parse, positionOf } from "./config.fixtures";
import { loadConfig } from "./load";
import { validateAgainst } from "./plugins-check";
import { confirmQuickLoad, loadConfigQuickly, parseConfigQuickly } from "./quick-load";

const FILE = "/srv/parley/c.yaml";
const quick = (text: string, env: Record<string, string> = {}) => parseConfigQuickly(text, { file: FILE, env });

/** Writes `text` as a config file in a fresh directory and returns its path. */
function configFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "parley-quick-"));
  const file = join(dir, "parley.yaml");
  writeFileSync(file, text);
  return file;
}

describe("the quick reader", () => {
  test("reads config.example.yaml (with its knowledge base file) to the same config as the exact reader", () => {
    const example = readFileSync(join(import.meta.dir, "../../config.example.yaml"), "utf8");
    const kb = join(import.meta.dir, "../../knowledge-base.example.yaml");
    const file = configFile(example.replace(/^(\s*file:\s*).*knowledge-base\.example\.yaml.*$/m, `$1${kb}`));
    const exact = loadConfig(file, {});
    const fast = loadConfigQuickly(file, {});
    expect(exact.ok).toBe(true);
    expect(fast.confirm).not.toBeNull();
    expect(fast.result).toEqual(exact);
    if (fast.result.ok) expect(fast.result.config.knowledgeBase.articles.length).toBeGreaterThan(0);
  });

  test("interpolates ${ENV} and types it as the schema wants, like the exact reader", () => {
    const text = `server:\n  port: \${PORT}\n  publicUrl: "https://\${HOST:-chat.example.com}"\n${MINIMAL}`;
    const env = { PORT: "8080" };
    const config = quick(text, env);
    const exact = parse(text, env);
    expect(config?.server.port).toBe(8080);
    expect(exact.ok && exact.config).toEqual(config!);
  });

  test("hands an invalid file to the exact reader, whose errors keep their lines", () => {
    const text = `server:\n  port: 70000\n${MINIMAL}`;
    expect(quick(text)).toBeNull();
    const loaded = loadConfigQuickly(configFile(text), {});
    expect(loaded.confirm).toBeNull();
    expect(loaded.result.ok).toBe(false);
    if (!loaded.result.ok) expect(loaded.result.errors[0]).toMatchObject({ path: "server.port", ...positionOf(text, "70000") });
  });

  test("hands over an unset variable, a warning and an alias of a collection (the exact reader reports or limits them)", () => {
    expect(quick(`server:\n  port: \${PORT}\n${MINIMAL}`)).toBeNull();
    const warned = `${MINIMAL}departments:\n  - id: sales\n    name: Sales\n`;
    expect(parse(warned).ok && (parse(warned) as { warnings: string[] }).warnings.length).toBeGreaterThan(0);
    expect(quick(warned)).toBeNull();
    const aliased = `${MINIMAL}departments:\n  - &d { id: sales, name: Sales }\n  - *d\n`;
    expect(quick(aliased)).toBeNull();
    expect(quick("- just\n- a list\n")).toBeNull();
  });

  test("positions stay available for issues found later (plugin options), from the file parsed on demand", () => {
    const text = `${MINIMAL}routing:\n  strategy: round-robbin\n`;
    const config = quick(text);
    expect(config).not.toBeNull();
    const [issue] = validateAgainst(config!, { routingStrategies: ["round-robin"], questionnaires: [] });
    expect(issue).toMatchObject({ path: "routing.strategy", ...positionOf(text, "round-robbin") });
  });
});

describe("the confirmation by the exact reader", () => {
  test("confirms a plain file, with no errors", () => {
    const config = quick(MINIMAL)!;
    expect(confirmQuickLoad(MINIMAL, { file: FILE, env: {} }, config)).toEqual({ errors: [], warnings: [], difference: null });
  });

  test("refuses a repeated key, which Bun's parser reads as the last value, at its line", () => {
    const text = `server:\n  port: 8080\n  port: 9090\n${MINIMAL}`;
    const config = quick(text);
    expect(config?.server.port).toBe(9090);
    const { errors } = confirmQuickLoad(text, { file: FILE, env: {} }, config!);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain("duplicate key");
    expect(errors[0]!.line).toBe(3);
  });

  test("points at a value the exact reader reads differently from the quick one (the exact reading then applies)", () => {
    // Both parsers agree on every plain file tried; the quick reading is simulated by another text.
    const config = quick(MINIMAL)!;
    const exactText = MINIMAL.replace("Alice", "Alicia");
    const { errors, difference } = confirmQuickLoad(exactText, { file: FILE, env: {} }, config);
    expect(errors).toEqual([]);
    expect(difference).toMatchObject({ path: "operators[0].name", ...positionOf(exactText, "Alicia") });
  });
});
