import { describe, expect, test } from "bun:test";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { errorsOf, issueAt, MINIMAL, parse, positionOf } from "./config.fixtures";
import { formatIssues } from "./issue.model";
import { loadConfig } from "./load";

describe("schema errors", () => {
  test("a wrong type is reported at the value with expected and found", () => {
    const text = `server:\n  port: eighty\n${MINIMAL}`;
    const issue = issueAt(errorsOf(text), "server.port");
    expect(issue).toMatchObject({ line: 2, column: 9, expected: "an integer from 0 to 65535", found: '"eighty"' });
    expect(issue.message).toBe('expected an integer from 0 to 65535, found "eighty"');
  });

  test("an out-of-range number says the range", () => {
    const issue = issueAt(errorsOf(`server:\n  port: 70000\n${MINIMAL}`), "server.port");
    expect(issue.message).toBe("expected an integer from 0 to 65535, found 70000");
  });

  test("a union of literals lists the choices", () => {
    const issue = issueAt(errorsOf(`routing:\n  mode: dept\n${MINIMAL}`), "routing.mode");
    expect(issue.message).toBe('expected one of department, url, none, found "dept"');
  });

  test("a patterned string uses the schema's human wording, not the regex", () => {
    const text = `${MINIMAL}  - id: bob\n    name: Bob\n    email: bob\n`;
    const issue = issueAt(errorsOf(text), "operators[1].email");
    expect(issue.message).toBe('expected an e-mail address, found "bob"');
    expect(issue).toMatchObject(positionOf(text, "bob", "email: bob"));
  });

  test("an unknown key points at the key and suggests the close one", () => {
    const text = `server:\n  prot: 8080\n${MINIMAL}`;
    const issue = issueAt(errorsOf(text), "server.prot");
    expect(issue).toMatchObject({ line: 2, column: 3, found: '"prot"' });
    expect(issue.message).toBe('unknown key "prot" (did you mean "port"?)');
  });

  test("an unknown key with nothing close gets no suggestion", () => {
    const issue = issueAt(errorsOf(`colour: red\n${MINIMAL}`), "colour");
    expect(issue.message).toBe('unknown key "colour"');
    expect(issue.expected).toContain("operators");
  });

  test("a missing required key is reported at the mapping that lacks it", () => {
    const text = `${MINIMAL}  - id: bob\n    email: bob@example.com\n`;
    const issue = issueAt(errorsOf(text), "operators[1].name");
    expect(issue.message).toBe('missing required key "name" (a non-empty string)');
    expect(issue).toMatchObject(positionOf(text, "id: bob"));
  });

  test("a missing top-level section is reported at the top of the file", () => {
    const issue = issueAt(errorsOf("server:\n  port: 8080\n"), "operators");
    expect(issue).toMatchObject({ line: 1, column: 1, found: "nothing" });
  });

  test("an empty value reads as 'an empty value'", () => {
    const issue = issueAt(errorsOf(`server:\n  host:\n${MINIMAL}`), "server.host");
    expect(issue.message).toBe("expected a string, found an empty value");
    expect(issue.line).toBe(2);
  });

  test("every error is listed, in file order, with its own position", () => {
    const text = [
      "server:",
      "  port: x",
      "  logLevel: loud",
      "operators:",
      "  - id: Alice",
      "    name: ''",
      "    email: nope",
      "    role: boss",
      "widget:",
      "  primaryColor: blue",
      "",
    ].join("\n");
    const errors = errorsOf(text);
    expect(errors.map((e) => [e.path, e.line, e.column])).toEqual([
      ["server.port", 2, 9],
      ["server.logLevel", 3, 13],
      ["operators[0].id", 5, 9],
      ["operators[0].name", 6, 11],
      ["operators[0].email", 7, 12],
      ["operators[0].role", 8, 11],
      ["widget.primaryColor", 10, 17],
    ]);
  });

  test("formatIssues prints one line per error: file:line:col path: message", () => {
    const errors = errorsOf(`server:\n  port: x\n  prot: 1\n${MINIMAL}`);
    expect(formatIssues(errors).split("\n")).toEqual([
      '/srv/parley/c.yaml:2:9 server.port: expected an integer from 0 to 65535, found "x"',
      '/srv/parley/c.yaml:3:3 server.prot: unknown key "prot" (did you mean "port"?)',
    ]);
  });
});

describe("YAML syntax", () => {
  test("a syntax error is reported with line:col like any other error", () => {
    const errors = errorsOf("server:\n  port: [8080\noperators: []\n");
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatchObject({ line: 3, column: 1, expected: "valid YAML" });
    expect(errors[0]!.message).toStartWith("YAML syntax error:");
  });

  test("a duplicate key names the key and its line", () => {
    const errors = errorsOf(`server:\n  port: 1\n  port: 2\n${MINIMAL}`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 3, column: 3 });
    expect(errors[0]!.message).toContain("duplicate key: port");
  });

  test("an alias to an undefined anchor is an error, not a crash", () => {
    const errors = errorsOf(`openingHours: *hours\n${MINIMAL}`);
    expect(errors[0]).toMatchObject({ line: 1, column: 15, path: "openingHours" });
    expect(errors[0]!.message).toContain("unknown alias *hours");
  });

  test("a top level that is not a mapping is refused", () => {
    const errors = errorsOf("- a\n- b\n");
    expect(errors[0]!.message).toContain("expected a mapping of settings");
  });

  test("anchors and merge keys are allowed to share blocks", () => {
    const text = `${MINIMAL}departments:\n  - id: sales\n    name: Sales\n    openingHours: &office\n      timezone: Europe/Paris\n  - id: support\n    name: Support\n    openingHours:\n      <<: *office\n`;
    const result = parse(text);
    expect(result.ok && result.config.departments[1]!.openingHours?.timezone).toBe("Europe/Paris");
  });
});

describe("the loaded config", () => {
  test("defaults are filled in", () => {
    const result = parse(MINIMAL);
    if (!result.ok) throw new Error("should load");
    expect(result.config.server.port).toBe(8080);
    expect(result.config.operators[0]!.departments).toEqual([]);
    expect(result.config.widget.phrases.welcome).toContain("Hello");
  });

  test("relative paths resolve against the config file's directory, absolute ones stay", () => {
    const text = `${MINIMAL}storage:\n  dataDir: ./data\nplugins:\n  dir: /opt/parley-plugins\n`;
    const result = parse(text);
    if (!result.ok) throw new Error("should load");
    expect(result.config.storage.dataDir).toBe("/srv/parley/data");
    expect(result.config.plugins.dir).toBe("/opt/parley-plugins");
  });

  test("the default dataDir also lands next to the config file", () => {
    const result = parse(MINIMAL);
    expect(result.ok && result.config.storage.dataDir).toBe("/srv/parley/data");
  });

  test("the snapshot is frozen so no module can change what others see", () => {
    const result = parse(MINIMAL);
    if (!result.ok) throw new Error("should load");
    expect(() => {
      (result.config.server as { port: number }).port = 1;
    }).toThrow();
    expect(() => (result.config.operators as unknown[]).push({})).toThrow();
  });
});

describe("loadConfig from disk", () => {
  const dir = mkdtempSync(join(tmpdir(), "parley-load-"));

  test("a missing file is one clear error", () => {
    const result = loadConfig(join(dir, "nope.yaml"), {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]!.message).toBe("cannot read the config file: no such file");
  });

  test("returns the absolute file and resolves paths from its folder", () => {
    writeFileSync(join(dir, "parley.yaml"), `${MINIMAL}storage:\n  dataDir: var/db\n`);
    const result = loadConfig(join(dir, "parley.yaml"), {});
    if (!result.ok) throw new Error(formatIssues(result.errors));
    expect(result.file).toBe(join(dir, "parley.yaml"));
    expect(result.config.storage.dataDir).toBe(join(dir, "var/db"));
  });

  test("knowledge base articles from a file are merged after the inline ones", () => {
    writeFileSync(join(dir, "kb.yaml"), "- title: Refunds\n  body: Within 30 days.\n  tags: [billing]\n- title: Shipping\n  body: 2 to 5 days.\n");
    const text = `${MINIMAL}knowledgeBase:\n  file: kb.yaml\n  articles:\n    - title: Hours\n      body: 9 to 18.\n`;
    writeFileSync(join(dir, "with-kb.yaml"), text);
    const result = loadConfig(join(dir, "with-kb.yaml"), {});
    if (!result.ok) throw new Error(formatIssues(result.errors));
    expect(result.config.knowledgeBase.file).toBe(join(dir, "kb.yaml"));
    expect(result.config.knowledgeBase.articles.map((a) => a.title)).toEqual(["Hours", "Refunds", "Shipping"]);
    expect(result.config.knowledgeBase.articles[2]!.tags).toEqual([]);
  });

  test("errors in the knowledge base file point into that file", () => {
    writeFileSync(join(dir, "bad-kb.yaml"), "- title: Refunds\n  body: Within 30 days.\n- title: Shipping\n  bdy: 2 to 5 days.\n");
    writeFileSync(join(dir, "uses-bad-kb.yaml"), `${MINIMAL}knowledgeBase:\n  file: ${join(dir, "bad-kb.yaml")}\n`);
    const result = loadConfig(join(dir, "uses-bad-kb.yaml"), {});
    if (result.ok) throw new Error("should fail");
    const unknown = issueAt(result.errors, "[1].bdy");
    expect(unknown.file).toEndWith("bad-kb.yaml");
    expect(unknown).toMatchObject({ line: 4, column: 3 });
    expect(unknown.message).toBe('unknown key "bdy" (did you mean "body"?)');
    expect(issueAt(result.errors, "[1].body").message).toContain("missing required key");
  });

  test("a knowledge base file that is missing is reported where the config names it", () => {
    const text = `${MINIMAL}knowledgeBase:\n  file: missing.yaml\n`;
    writeFileSync(join(dir, "missing-kb.yaml"), text);
    const result = loadConfig(join(dir, "missing-kb.yaml"), {});
    if (result.ok) throw new Error("should fail");
    expect(result.errors[0]).toMatchObject({ path: "knowledgeBase.file", ...positionOf(text, "missing.yaml") });
    expect(result.errors[0]!.message).toContain("no such file");
  });

  test("a knowledge base file that is not a list is refused", () => {
    writeFileSync(join(dir, "map-kb.yaml"), "title: Refunds\n");
    writeFileSync(join(dir, "uses-map-kb.yaml"), `${MINIMAL}knowledgeBase:\n  file: map-kb.yaml\n`);
    const result = loadConfig(join(dir, "uses-map-kb.yaml"), {});
    expect(!result.ok && result.errors[0]!.message).toContain("expected a list of articles");
  });
});

describe("hostile input", () => {
  test("an alias bomb is refused with an error, not a crash or a hang", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) {
      const previous = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(", ")}]`);
    }
    const errors = errorsOf(`${levels.join("\n")}\n${MINIMAL}`);
    expect(errors[0]!.message).toStartWith("the YAML cannot be read:");
  });
});
