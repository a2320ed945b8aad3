/**
 * Checks a translation catalog against the sources, the way lit-localize's extractor would: every
 * `msg(…)` call in the sources must carry an explicit id, every id must be translated, the
 * translation must use the same placeholders (`${0}`, `${1}`…), and no translation may be orphaned.
 * Used by each UI's catalog test so a missing French string fails CI instead of shipping English.
 */

/** One source message: its id, its English text and how many `${…}` placeholders it has. */
export interface SourceMessage {
  readonly id: string;
  readonly text: string;
  readonly placeholders: number;
  readonly file: string;
}

const CALL = /\bmsg\(\s*(?:str`((?:[^`\\]|\\.)*)`|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*,\s*\{\s*id:\s*"([^"]+)"\s*\}\s*\)/g;

/** Removes comments so prose mentioning msg calls is not mistaken for one. */
function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
}

/** Every message of the given sources; throws naming the file when a msg call has no literal id. */
export function extractMessages(files: readonly { readonly file: string; readonly text: string }[]): SourceMessage[] {
  const messages: SourceMessage[] = [];
  for (const { file, text } of files) {
    const code = stripComments(text);
    const calls = code.match(/\bmsg\(/g)?.length ?? 0;
    const found = [...code.matchAll(CALL)];
    if (found.length !== calls) {
      throw new Error(`${file}: ${calls - found.length} msg() call(s) without a literal text and { id: "…" } option`);
    }
    for (const m of found) {
      const body = m[1] ?? m[2] ?? m[3] ?? "";
      messages.push({ id: m[4]!, text: body, placeholders: m[1] === undefined ? 0 : (body.match(/\$\{/g)?.length ?? 0), file });
    }
  }
  return messages;
}

/** A translated template as Lit Localize stores it: plain text, or a `str` result with indexed values. */
type Translation = string | { readonly strTag?: true; readonly values?: readonly unknown[] } | unknown;

/** Every problem of `templates` (one language) against the source messages; empty when complete. */
export function catalogProblems(messages: readonly SourceMessage[], templates: Readonly<Record<string, Translation>>): string[] {
  const problems: string[] = [];
  const byId = new Map<string, SourceMessage>();
  for (const m of messages) {
    const seen = byId.get(m.id);
    if (seen && seen.text !== m.text) problems.push(`id "${m.id}" is used for two different texts (${seen.file}, ${m.file})`);
    byId.set(m.id, m);
  }
  for (const m of byId.values()) {
    const t = templates[m.id];
    if (t === undefined) {
      problems.push(`missing translation for "${m.id}" (${m.file}): ${m.text}`);
      continue;
    }
    const values = typeof t === "string" ? [] : ((t as { values?: readonly unknown[] }).values ?? []);
    const indices = [...values].map(Number).sort((a, b) => a - b);
    const expected = Array.from({ length: m.placeholders }, (_, i) => i);
    if (JSON.stringify(indices) !== JSON.stringify(expected)) {
      problems.push(`"${m.id}" needs placeholders \${${expected.join("}, ${")}} but the translation uses [${indices.join(", ")}]`);
    }
    if (typeof t === "string" && t.trim() === "") problems.push(`"${m.id}" is translated as an empty string`);
  }
  for (const id of Object.keys(templates)) if (!byId.has(id)) problems.push(`translation "${id}" matches no source message`);
  return problems;
}
