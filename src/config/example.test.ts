/**
 * config.example.yaml is the reference documentation of every setting. These tests keep it honest:
 * it loads without errors or warnings, it names every key of the schema (so it cannot fall behind
 * when a key is added), and the plugins it names exist with the options it gives them.
 */
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Type, type TSchema } from "@sinclair/typebox";
import { isMap, isScalar, isSeq, parseDocument } from "yaml";
import { BUILTIN_PLUGINS } from "../plugins/builtins";
import type { PluginDefinition, PluginHost } from "../plugins/api";
import { formatIssues } from "./issue.model";
import { loadConfig } from "./load";
import { validateAgainst } from "./plugins-check";
import { ConfigSchema } from "./schema";
import { keyPaths } from "./schema-walk";

const EXAMPLE = join(import.meta.dir, "../../config.example.yaml");

function loadExample(env: Record<string, string> = {}) {
  const result = loadConfig(EXAMPLE, env);
  if (!result.ok) throw new Error(formatIssues(result.errors));
  return result;
}

/** Key paths written in a YAML document, list items as `[]` (the notation of `keyPaths`). */
function writtenPaths(text: string): Set<string> {
  const paths = new Set<string>();
  const walk = (node: unknown, prefix: string): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const path = prefix === "" ? key : `${prefix}.${key}`;
        paths.add(path);
        walk(pair.value, path);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item, `${prefix}[]`);
    }
  };
  walk(parseDocument(text).contents, "");
  return paths;
}

describe("config.example.yaml", () => {
  test("loads with no error and no warning", () => {
    expect(loadExample().warnings).toEqual([]);
  });

  test("shows every key of the schema", () => {
    const written = writtenPaths(readFileSync(EXAMPLE, "utf8"));
    const missing = keyPaths(ConfigSchema).filter((path) => !written.has(path));
    expect(missing).toEqual([]);
  });

  test("the key walk itself sees nested and listed keys (so the test above can fail)", () => {
    const all = keyPaths(ConfigSchema);
    expect(all).toContain("operators[].shift.exceptions[].hours[].from");
    expect(all).toContain("permissions.manager.sendFile");
    expect(writtenPaths("a:\n  - b: 1\n").has("a[].b")).toBe(true);
  });

  test("matches what the product documents promise", () => {
    const { config } = loadExample();
    expect(config.server.port).toBe(8080);
    expect(config.storage.dataDir).toBe(join(import.meta.dir, "../../data"));
    expect(config.operators.filter((o) => o.role === "admin").map((o) => o.email)).toEqual(["alice@example.com"]);
    expect(config.statuses.map((s) => s.id)).toEqual(["training", "phone", "talking-with-supervisor", "no-new-conversation", "searching-for-information"]);
    expect(config.departments.every((d) => d.openingHours?.timezone === "Europe/Paris")).toBe(true);
    expect(config.cannedResponses.some((r) => r.text.includes("%VISITOR%") && r.text.includes("%OPERATOR%"))).toBe(true);
    expect(config.knowledgeBase.articles.length).toBeGreaterThan(4);
  });

  test("the documented admin password matches the hash", async () => {
    const { config } = loadExample();
    const admin = config.operators.find((o) => o.role === "admin")!;
    expect(await Bun.password.verify("parley-admin", admin.passwordHash!)).toBe(true);
  });

  test("environment variables override the defaults it writes", () => {
    const { config } = loadExample({ PORT: "9000", SMTP_HOST: "smtp.example.com", SMTP_PASSWORD: "s3cret" });
    expect(config.server.port).toBe(9000);
    expect(config.smtp).toMatchObject({ host: "smtp.example.com", password: "s3cret" });
  });

  test("the plugins it names are built in and accept its options", () => {
    const host: PluginHost = { version: "test", logger: { debug() {}, info() {}, warn() {}, error() {} }, now: () => 0, t: Type as unknown as PluginHost["t"], config: { departments: [] } };
    const definitions = BUILTIN_PLUGINS.flatMap(({ factory }) => [factory(host)].flat() as PluginDefinition[]);
    const refs = (kind: string) => definitions.filter((d) => d.kind === kind).map((d) => ({ id: d.id, optionsSchema: d.optionsSchema as TSchema | undefined }));
    const issues = validateAgainst(loadExample().config, { routingStrategies: refs("routing"), questionnaires: refs("questionnaire") });
    expect(issues).toEqual([]);
  });
});
