import { describe, expect, test } from "bun:test";
import type { PluginDefinition } from "./api";
import { pluginTypeBuilder as t } from "./host";
import { formatOptionPath, resolveOptions } from "./options";

const plugin = (optionsSchema?: unknown): PluginDefinition => ({ kind: "routing", id: "demo", optionsSchema: optionsSchema as never, pick: () => ({ queue: true, reason: "" }) });
const schema = t.Object({
  threshold: t.Integer({ minimum: 0, default: 2 }),
  mode: t.Union([t.Literal("queue"), t.Literal("any")], { default: "queue" }),
  weights: t.Array(t.Object({ skill: t.String({ minLength: 1 }), weight: t.Number() }), { default: [] }),
});

describe("resolveOptions", () => {
  test("fills defaults, keeps given values and freezes the result", () => {
    const result = resolveOptions(plugin(schema), { mode: "any" });
    expect(result).toEqual({ ok: true, options: { threshold: 2, mode: "any", weights: [] } });
    expect(result.ok && Object.isFrozen(result.options)).toBe(true);
  });

  test("absent options are the defaults", () => {
    expect(resolveOptions(plugin(schema), undefined)).toMatchObject({ ok: true, options: { threshold: 2 } });
  });

  test("every problem is reported with the plugin id, the option path and what was expected", () => {
    const result = resolveOptions(plugin(schema), { threshold: 1.5, mode: "maybe", weights: [{ skill: "", weight: 1 }], treshold: 3 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => ({ pluginId: i.pluginId, path: formatOptionPath(i.path), message: i.message }))).toEqual([
      { pluginId: "demo", path: "treshold", message: 'unknown option "treshold" (did you mean "threshold"?)' },
      { pluginId: "demo", path: "threshold", message: "expected an integer of at least 0, found 1.5" },
      { pluginId: "demo", path: "mode", message: 'expected one of queue, any, found "maybe"' },
      { pluginId: "demo", path: "weights[0].skill", message: 'expected a non-empty string, found ""' },
    ]);
  });

  test("a schema with additionalProperties: true accepts unknown keys", () => {
    const open = t.Object({ a: t.Number({ default: 1 }) }, { additionalProperties: true });
    expect(resolveOptions(plugin(open), { b: 2 })).toEqual({ ok: true, options: { a: 1, b: 2 } });
  });

  test("a plugin without optionsSchema takes no options", () => {
    expect(resolveOptions(plugin(), {})).toEqual({ ok: true, options: {} });
    const refused = resolveOptions(plugin(), { speed: 3 });
    expect(refused.ok ? [] : refused.issues.map((i) => i.message)).toEqual(['plugin "demo" takes no options']);
  });
});
