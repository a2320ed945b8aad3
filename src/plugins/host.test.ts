import { describe, expect, test } from "bun:test";
import { Type, type Static as TypeBoxStatic } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import { ManualClock } from "../core/clock";
import type { Static } from "./api";
import { createPluginHost, pluginTypeBuilder as t } from "./host";
import { recordingLogger, testHostContext } from "./plugin.fixtures";

describe("createPluginHost", () => {
  test("now() follows the injected clock; version is Parley's", () => {
    const clock = new ManualClock(1_000);
    const { host } = createPluginHost(testHostContext({ clock, version: "2.0.0" }), "/plugins/a.ts");
    clock.advance(500);
    expect(host.now()).toBe(1_500);
    expect(host.version).toBe("2.0.0");
  });

  test("departments are a frozen copy: a plugin can neither change the config nor be surprised by it", () => {
    const departments = [{ id: "sales", name: "Sales", skills: ["sales"] }];
    const { host } = createPluginHost(testHostContext({ departments }), "/plugins/a.ts");
    expect(() => (host.config.departments[0]!.skills as string[]).push("hack")).toThrow(TypeError);
    departments[0]!.skills.push("later");
    expect(host.config.departments[0]!.skills).toEqual(["sales"]);
    expect(Object.isFrozen(host)).toBe(true);
  });

  test("log lines written while the factory runs are held, then tagged with the plugin ids", () => {
    const logger = recordingLogger();
    const handle = createPluginHost(testHostContext({ logger }), "/plugins/pair.ts");
    handle.host.logger.warn("starting", { n: 1 });
    expect(logger.lines).toEqual([]);
    handle.identify(["one", "two"]);
    handle.host.logger.error("later", { plugin: "spoofed" });
    expect(logger.lines).toEqual([
      { level: "warn", msg: "starting", fields: { n: 1, plugin: "one,two", pluginFile: "/plugins/pair.ts" } },
      { level: "error", msg: "later", fields: { plugin: "one,two", pluginFile: "/plugins/pair.ts" } },
    ]);
  });

  test("a factory that defines nothing still has its lines written, tagged with its file", () => {
    const logger = recordingLogger();
    const handle = createPluginHost(testHostContext({ logger }), "/plugins/bad.ts");
    handle.host.logger.info("about to fail");
    handle.identify([]);
    expect(logger.lines[0]!.fields).toEqual({ plugin: "/plugins/bad.ts", pluginFile: "/plugins/bad.ts" });
  });
});

describe("host.t is TypeBox behind the contract's minimal builder", () => {
  const Options = t.Object({
    mode: t.Union([t.Literal("queue"), t.Literal("any")], { default: "queue" }),
    limit: t.Integer({ minimum: 1, default: 3 }),
    tags: t.Array(t.String(), { default: [] }),
    weights: t.Record(t.String(), t.Number()),
    note: t.Optional(t.String()),
  });

  test("schemas it builds validate and fill defaults like TypeBox's", () => {
    const filled = Value.Default(Options as never, { weights: {} });
    expect(filled).toEqual({ mode: "queue", limit: 3, tags: [], weights: {} });
    expect(Value.Check(Options as never, filled)).toBe(true);
    expect(Value.Check(Options as never, { ...(filled as object), limit: 0 })).toBe(false);
  });

  test("its static types match TypeBox's for the same schema (checked by tsc)", () => {
    const Same = Type.Object({
      mode: Type.Union([Type.Literal("queue"), Type.Literal("any")]),
      limit: Type.Integer(),
      tags: Type.Array(Type.String()),
      weights: Type.Record(Type.String(), Type.Number()),
      note: Type.Optional(Type.String()),
    });
    type Ours = Static<typeof Options>;
    type Theirs = TypeBoxStatic<typeof Same>;
    const sameType: [Ours] extends [Theirs] ? ([Theirs] extends [Ours] ? true : false) : false = true;
    const value: Ours = { mode: "any", limit: 1, tags: ["a"], weights: { x: 1 } };
    expect(sameType).toBe(true);
    expect(Value.Check(Same, value)).toBe(true);
  });
});
