import { describe, expect, test } from "bun:test";
import { Glob } from "bun";
import { join } from "node:path";
import { catalogProblems, extractMessages } from "../../shared/i18n/catalog.check";
import { templates } from "./fr";

const ROOT = join(import.meta.dir, "..");

describe("console translations", () => {
  test("every console string has a French translation with the same placeholders, and none is orphaned", async () => {
    const files: { file: string; text: string }[] = [];
    for (const file of new Glob("**/*.ts").scanSync(ROOT)) {
      if (file.endsWith(".test.ts") || file.startsWith("i18n/")) continue;
      files.push({ file, text: await Bun.file(join(ROOT, file)).text() });
    }
    const messages = extractMessages(files);
    expect(messages.length).toBeGreaterThan(150);
    expect(catalogProblems(messages, templates)).toEqual([]);
  });
});
