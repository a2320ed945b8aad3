/**
 * The formatting toolbar's edits: each takes the textarea's text and selection and returns the new
 * text and selection, writing the markdown subset messages are rendered with (ui/shared/message-text):
 * **bold**, _italic_, ~~strike~~, `code`, [label](url), "- " and "1. " lists, "> " quotes.
 */

/** A textarea's content and selection. */
export interface TextEdit {
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/** Inline styles the toolbar can apply. */
export type InlineStyle = "bold" | "italic" | "strike" | "code";
const MARKERS: Record<InlineStyle, string> = { bold: "**", italic: "_", strike: "~~", code: "`" };

/**
 * Wraps the selection in the style's markers, or removes them when the selection is already
 * wrapped (toggle). With no selection, inserts the pair and puts the caret between them.
 */
export function toggleInline(edit: TextEdit, style: InlineStyle): TextEdit {
  const marker = MARKERS[style];
  const { value, start, end } = edit;
  const before = value.slice(0, start);
  const selected = value.slice(start, end);
  const after = value.slice(end);
  if (before.endsWith(marker) && after.startsWith(marker)) {
    return { value: before.slice(0, -marker.length) + selected + after.slice(marker.length), start: start - marker.length, end: end - marker.length };
  }
  // Markers must hug the text: keep surrounding spaces of the selection outside them.
  const lead = /^\s*/.exec(selected)![0];
  const trail = /\s*$/.exec(selected.slice(lead.length))![0];
  const core = selected.slice(lead.length, selected.length - trail.length);
  const wrapped = `${lead}${marker}${core}${marker}${trail}`;
  const innerStart = start + lead.length + marker.length;
  return { value: before + wrapped + after, start: innerStart, end: innerStart + core.length };
}

/** Turns the selection into a link to `url` (the selection, or the URL itself, is the label). */
export function insertLink(edit: TextEdit, url: string): TextEdit {
  const { value, start, end } = edit;
  const label = value.slice(start, end).trim() || url;
  const link = `[${label}](${url})`;
  return { value: value.slice(0, start) + link + value.slice(end), start: start + link.length, end: start + link.length };
}

/** Line-level formats. */
export type BlockStyle = "bullets" | "numbers" | "quote";

/**
 * Prefixes every line touched by the selection ("- ", "1. ", "2. "…, "> "), or removes the prefix
 * when every touched line already has it (toggle). The whole touched block stays selected.
 */
export function toggleBlock(edit: TextEdit, style: BlockStyle): TextEdit {
  const { value } = edit;
  const blockStart = value.lastIndexOf("\n", edit.start - 1) + 1;
  const nextBreak = value.indexOf("\n", edit.end > edit.start && value[edit.end - 1] === "\n" ? edit.end - 1 : edit.end);
  const blockEnd = nextBreak === -1 ? value.length : nextBreak;
  const lines = value.slice(blockStart, blockEnd).split("\n");
  const pattern = style === "bullets" ? /^[-*] / : style === "numbers" ? /^\d+[.)] / : /^> ?/;
  const allPrefixed = lines.every((line) => pattern.test(line));
  const next = allPrefixed
    ? lines.map((line) => line.replace(pattern, ""))
    : lines.map((line, i) => (style === "bullets" ? "- " : style === "numbers" ? `${i + 1}. ` : "> ") + line.replace(/^([-*] |\d+[.)] |> ?)/, ""));
  const block = next.join("\n");
  return { value: value.slice(0, blockStart) + block + value.slice(blockEnd), start: blockStart, end: blockStart + block.length };
}

/** Inserts text at the caret (replacing the selection), caret after it. */
export function insertText(edit: TextEdit, text: string): TextEdit {
  const { value, start, end } = edit;
  return { value: value.slice(0, start) + text + value.slice(end), start: start + text.length, end: start + text.length };
}
