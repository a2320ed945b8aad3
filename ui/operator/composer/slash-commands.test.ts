import { describe, expect, test } from "bun:test";
import { parseSlashCommand } from "./slash-commands";

const ops = [
  { id: "anne", name: "Anne" },
  { id: "anne-marie", name: "Anne Marie" },
  { id: "bob", name: "Bob Stone" },
  { id: "bea", name: "Béatrice" },
];

describe("slash commands", () => {
  test("plain text is not a command", () => {
    expect(parseSlashCommand("hello /t Bob", ops)).toBeNull();
    expect(parseSlashCommand("//t escaped", ops)).toBeNull();
  });

  test("/a and /accept accept the offered transfer", () => {
    expect(parseSlashCommand("/a", ops)).toEqual({ kind: "accept" });
    expect(parseSlashCommand("  /A  ", ops)).toEqual({ kind: "accept" });
  });

  test("/t takes the longest operator name and keeps the rest as the message", () => {
    expect(parseSlashCommand("/t Anne Marie please take over", ops)).toEqual({ kind: "transfer", operator: ops[1]!, message: "please take over" });
    expect(parseSlashCommand("/t anne", ops)).toEqual({ kind: "transfer", operator: ops[0]!, message: null });
    expect(parseSlashCommand("/t Bob   Stone  billing issue", ops)).toEqual({ kind: "transfer", operator: ops[2]!, message: "billing issue" });
  });

  test("/t accepts an operator id or a unique first-name prefix", () => {
    expect(parseSlashCommand("/t anne-marie", ops)).toMatchObject({ kind: "transfer", operator: { id: "anne-marie" } });
    expect(parseSlashCommand("/t bob thanks", ops)).toMatchObject({ kind: "transfer", operator: { id: "bob" }, message: "thanks" });
    expect(parseSlashCommand("/t Béa", ops)).toMatchObject({ kind: "transfer", operator: { id: "bea" } });
  });

  test("/t without a name, with an unknown name or an ambiguous prefix is refused with the reason", () => {
    expect(parseSlashCommand("/t", ops)).toEqual({ kind: "invalid", reason: "missing-name" });
    expect(parseSlashCommand("/t Zoe hi", ops)).toEqual({ kind: "invalid", reason: "unknown-operator", name: "Zoe" });
    expect(parseSlashCommand("/t B", ops)).toEqual({ kind: "invalid", reason: "ambiguous", name: "B" });
    expect(parseSlashCommand("/x", ops)).toEqual({ kind: "invalid", reason: "unknown-command", name: "x" });
  });
});
