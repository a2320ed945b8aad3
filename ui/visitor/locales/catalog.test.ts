import { describe, expect, test } from "bun:test";
import { Glob } from "bun";
import { join } from "node:path";
import { catalogProblems, extractMessages } from "../../shared/i18n/catalog.check";
import { LOADER_STRINGS } from "../loader.strings";
import { templates as fr } from "./fr";

const VISITOR = join(import.meta.dir, "..");

async function widgetSources() {
  const files: { file: string; text: string }[] = [];
  for await (const file of new Glob("**/*.ts").scan(VISITOR)) {
    if (file.endsWith(".test.ts") || file.startsWith("locales/")) continue;
    files.push({ file, text: await Bun.file(join(VISITOR, file)).text() });
  }
  return files;
}

describe("widget translations", () => {
  test("every English message of the widget has a French translation with the same placeholders, and none is orphaned", async () => {
    const messages = extractMessages(await widgetSources());
    expect(messages.length).toBeGreaterThan(50);
    expect(catalogProblems(messages, fr)).toEqual([]);
  });

  test("the loader's built-in strings exist in both languages", () => {
    expect(Object.keys(LOADER_STRINGS.fr).sort()).toEqual(Object.keys(LOADER_STRINGS.en).sort());
    expect(LOADER_STRINGS.fr.unread(3)).toBe("3 messages non lus");
    expect(LOADER_STRINGS.en.unread(1)).toBe("1 unread message");
  });
});
