import { describe, expect, test } from "bun:test";
import { Glob } from "bun";
import { join } from "node:path";
import { catalogProblems, extractMessages } from "../../shared/i18n/catalog.check";
import { templates as consoleTemplates } from "../../operator/i18n/fr";
import { templates } from "./fr";

const ROOT = join(import.meta.dir, "..");

describe("dashboard translations", () => {
  test("every dashboard string is translated (its own catalogue or the console's), and its own catalogue has no orphan", async () => {
    const files: { file: string; text: string }[] = [];
    for (const file of new Glob("**/*.ts").scanSync(ROOT)) {
      if (file.endsWith(".test.ts") || file.startsWith("i18n/")) continue;
      files.push({ file, text: await Bun.file(join(ROOT, file)).text() });
    }
    const messages = extractMessages(files);
    const merged = { ...consoleTemplates, ...templates };
    const problems = catalogProblems(messages, merged).filter((p) => {
      const orphan = /^translation "(.+)" matches no source message$/.exec(p);
      return !orphan || orphan[1]! in templates;
    });
    expect(problems).toEqual([]);
    for (const id of Object.keys(templates)) expect(id in consoleTemplates).toBe(false);
  });
});
