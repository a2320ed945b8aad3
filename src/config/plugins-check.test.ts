import { describe, expect, test } from "bun:test";
import { Type as T } from "@sinclair/typebox";
import { MINIMAL, parse, positionOf } from "./config.fixtures";
import { validateAgainst } from "./plugins-check";
import type { Config } from "./schema";

const text = `${MINIMAL}routing:\n  strategy: least-bussy\n  options:\n    maxWait: soon\nquestionnaires:\n  - id: csat\n    plugin: csat\n    when: visitorEnd\n  - id: wrapup\n    plugin: wrap-up\n    when: operatorEnd\n`;
const loaded = (): Config => {
  const result = parse(text);
  if (!result.ok) throw new Error("fixture should load");
  return result.config;
};

describe("validateAgainst", () => {
  test("unknown plugin ids are reported at the line that names them, with a suggestion", () => {
    const issues = validateAgainst(loaded(), { routingStrategies: ["round-robin", "least-busy"], questionnaires: ["csat", "operator-wrapup"] });
    expect(issues.map((i) => i.path)).toEqual(["routing.strategy", "questionnaires[1].plugin"]);
    expect(issues[0]).toMatchObject(positionOf(text, "least-bussy"));
    expect(issues[0]!.message).toBe('unknown routing strategy plugin "least-bussy" (did you mean "least-busy"? available: round-robin, least-busy)');
    expect(issues[1]).toMatchObject(positionOf(text, "wrap-up"));
  });

  test("known plugins give no issue", () => {
    const issues = validateAgainst(loaded(), { routingStrategies: ["least-bussy"], questionnaires: ["csat", "wrap-up"] });
    expect(issues).toEqual([]);
  });

  test("options are checked against the plugin's optionsSchema, at their line", () => {
    const strategy = { id: "least-bussy", optionsSchema: T.Object({ maxWait: T.Number() }, { additionalProperties: false }) };
    const issues = validateAgainst(loaded(), { routingStrategies: [strategy], questionnaires: ["csat", "wrap-up"] });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: "routing.options.maxWait", message: 'expected a number, found "soon"', ...positionOf(text, "soon") });
  });

  test("a config built in code (no file) still gets issues, without a position", () => {
    const config = structuredClone(loaded());
    const issues = validateAgainst(config, { routingStrategies: [], questionnaires: ["csat", "wrap-up"] });
    expect(issues[0]).toMatchObject({ line: 0, column: 0, path: "routing.strategy" });
    expect(issues[0]!.message).toContain("available: none");
  });
});
