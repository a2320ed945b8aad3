import { describe, expect, test } from "bun:test";
import { str } from "@lit/localize";
import { catalogProblems, extractMessages } from "./catalog.check";

const source = `
  // a comment mentioning msg("x") is not a call
  const a = msg("Send", { id: "composer.send" });
  const b = msg(str\`\${n} unread\`, { id: "unread" });
  const c = msg('It\\'s late', { id: "late" });
`;

describe("catalog check", () => {
  test("extracts ids, texts and placeholder counts", () => {
    expect(extractMessages([{ file: "a.ts", text: source }])).toEqual([
      { id: "composer.send", text: "Send", placeholders: 0, file: "a.ts" },
      { id: "unread", text: "${n} unread", placeholders: 1, file: "a.ts" },
      { id: "late", text: "It\\'s late", placeholders: 0, file: "a.ts" },
    ]);
  });

  test("a msg call without an explicit id is an error, not silently English", () => {
    expect(() => extractMessages([{ file: "b.ts", text: `msg("Send")` }])).toThrow("b.ts: 1 msg() call(s) without");
  });

  test("missing, orphaned, empty and placeholder-mismatched translations are all reported", () => {
    const messages = extractMessages([{ file: "a.ts", text: source }]);
    const n = 0;
    expect(catalogProblems(messages, { "composer.send": "Envoyer", unread: str`${n} non lus`, late: "Il est tard" })).toEqual([]);
    const problems = catalogProblems(messages, { "composer.send": " ", unread: "non lus", old: "Ancien" });
    expect(problems).toEqual([
      `"composer.send" is translated as an empty string`,
      `"unread" needs placeholders \${0} but the translation uses []`,
      `missing translation for "late" (a.ts): It\\'s late`,
      `translation "old" matches no source message`,
    ]);
  });

  test("one id used for two different texts is reported", () => {
    const messages = extractMessages([
      { file: "a.ts", text: `msg("Send", { id: "send" })` },
      { file: "b.ts", text: `msg("Submit", { id: "send" })` },
    ]);
    expect(catalogProblems(messages, { send: "Envoyer" })[0]).toContain(`id "send" is used for two different texts`);
  });
});
