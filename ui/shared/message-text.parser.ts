/**
 * Chat messages are stored as the plain text people typed. Display turns a small markdown subset
 * into a tree of typed nodes: **bold**, *italic* / _italic_, ~~strike~~, `code`, ``` blocks, lists,
 * > quotes, [label](url) links and bare-URL auto-linking. The tree never contains markup, only text
 * and structure, so whatever renders it (see message-text.template.ts) puts sender text in text
 * nodes and never through innerHTML. Links are kept only for http(s) and mailto URLs; anything else
 * (javascript:, data:, vbscript:…) stays visible as text.
 */

/** Inline content. */
export type InlineNode =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "strong" | "em" | "del"; readonly children: InlineNode[] }
  | { readonly kind: "code"; readonly text: string }
  | { readonly kind: "link"; readonly href: string; readonly children: InlineNode[] }
  | { readonly kind: "br" };

/** Block content. */
export type BlockNode =
  | { readonly kind: "paragraph"; readonly children: InlineNode[] }
  | { readonly kind: "quote"; readonly children: InlineNode[] }
  | { readonly kind: "list"; readonly ordered: boolean; readonly start: number; readonly items: InlineNode[][] }
  | { readonly kind: "codeblock"; readonly text: string };

/** Longer texts are shown as plain text: formatting them is not worth the parsing cost. */
const MAX_FORMATTED_LENGTH = 20_000;
/** Nesting deeper than this is shown as text (guards against pathological input). */
const MAX_DEPTH = 4;
const SAFE_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/**
 * The URL to link to, or null when it must not become a link. Only absolute http(s)/mailto URLs
 * without whitespace or control characters pass; `www.` addresses get `https://`.
 */
export function safeHref(raw: string): string | null {
  const candidate = /^www\./i.test(raw) ? `https://${raw}` : raw;
  if (/[\u0000-\u0020\u007f-\u009f]/.test(candidate)) return null;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (!SAFE_PROTOCOLS.has(url.protocol)) return null;
  if (url.protocol !== "mailto:" && !url.hostname) return null;
  return url.href;
}

/** Parse message text into blocks. Never throws; unknown syntax stays text. */
export function parseMessageText(text: string): BlockNode[] {
  if (text.length > MAX_FORMATTED_LENGTH) return [{ kind: "paragraph", children: withBreaks(text) }];
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const blocks: BlockNode[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === "") {
      i++;
      continue;
    }
    if (/^\s*```/.test(line)) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !/^\s*```\s*$/.test(lines[i]!)) body.push(lines[i++]!);
      i++; // closing fence (or end of text)
      blocks.push({ kind: "codeblock", text: body.join("\n") });
      continue;
    }
    const bullet = /^\s*[-*•]\s+(.*)$/;
    const numbered = /^\s*(\d{1,9})[.)]\s+(.*)$/;
    if (bullet.test(line) || numbered.test(line)) {
      const ordered = numbered.test(line);
      const pattern = ordered ? numbered : bullet;
      const start = ordered ? Number(numbered.exec(line)![1]) : 1;
      const items: InlineNode[][] = [];
      while (i < lines.length && pattern.test(lines[i]!)) {
        const m = pattern.exec(lines[i]!)!;
        items.push(parseInline(ordered ? m[2]! : m[1]!, 0));
        i++;
      }
      blocks.push({ kind: "list", ordered, start, items });
      continue;
    }
    if (/^\s*>/.test(line)) {
      const body: string[] = [];
      while (i < lines.length && /^\s*>/.test(lines[i]!)) body.push(lines[i++]!.replace(/^\s*>\s?/, ""));
      blocks.push({ kind: "quote", children: joinLines(body) });
      continue;
    }
    const body: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== "" && !startsBlock(lines[i]!)) body.push(lines[i++]!);
    blocks.push({ kind: "paragraph", children: joinLines(body) });
  }
  return blocks;
}

function startsBlock(line: string): boolean {
  return /^\s*(```|>|[-*•]\s+|\d{1,9}[.)]\s+)/.test(line);
}

function joinLines(lines: string[]): InlineNode[] {
  const out: InlineNode[] = [];
  lines.forEach((line, n) => {
    if (n > 0) out.push({ kind: "br" });
    out.push(...parseInline(line, 0));
  });
  return out;
}

function withBreaks(text: string): InlineNode[] {
  const out: InlineNode[] = [];
  text.split("\n").forEach((line, n) => {
    if (n > 0) out.push({ kind: "br" });
    if (line) out.push({ kind: "text", text: line });
  });
  return out;
}

const DELIMITERS: readonly { readonly mark: string; readonly kind: "strong" | "em" | "del" }[] = [
  { mark: "**", kind: "strong" },
  { mark: "~~", kind: "del" },
  { mark: "*", kind: "em" },
  { mark: "_", kind: "em" },
];
const AUTOLINK = /^(?:https?:\/\/|www\.)[^\s<>"'`]+/i;
const MD_LINK = /^\[([^\]\n]{1,500})\]\(([^()\s]{1,2048})\)/;
const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}_]/u.test(ch);

/** Parse one line of inline markup. `inLink` disables nested links (a link inside a label). */
export function parseInline(s: string, depth: number, inLink = false): InlineNode[] {
  if (depth > MAX_DEPTH) return s ? [{ kind: "text", text: s }] : [];
  const out: InlineNode[] = [];
  let buf = "";
  const flush = () => {
    if (buf) out.push({ kind: "text", text: buf });
    buf = "";
  };
  let i = 0;
  outer: while (i < s.length) {
    const ch = s[i]!;
    if (ch === "`") {
      const end = s.indexOf("`", i + 1);
      if (end > i + 1) {
        flush();
        out.push({ kind: "code", text: s.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (ch === "[" && !inLink) {
      const m = MD_LINK.exec(s.slice(i));
      if (m) {
        const href = safeHref(m[2]!);
        if (href) {
          flush();
          out.push({ kind: "link", href, children: parseInline(m[1]!, depth + 1, true) });
          i += m[0].length;
          continue;
        }
      }
    }
    for (const { mark, kind } of DELIMITERS) {
      if (!s.startsWith(mark, i)) continue;
      const inner = i + mark.length;
      if (inner >= s.length || /\s/.test(s[inner]!)) continue;
      if (mark === "_" && isWordChar(s[i - 1])) continue; // snake_case stays text
      let close = s.indexOf(mark, inner + 1);
      while (close !== -1) {
        const closingOk = !/\s/.test(s[close - 1]!) && !(mark === "_" && isWordChar(s[close + 1])) && !(mark === "*" && s[close + 1] === "*");
        if (closingOk) break;
        close = s.indexOf(mark, close + 1);
      }
      if (close === -1) continue;
      flush();
      out.push({ kind, children: parseInline(s.slice(inner, close), depth + 1, inLink) });
      i = close + mark.length;
      continue outer;
    }
    if (!inLink && (ch === "h" || ch === "H" || ch === "w" || ch === "W") && !isWordChar(s[i - 1])) {
      const m = AUTOLINK.exec(s.slice(i, i + 2100));
      if (m) {
        const url = trimTrailingPunctuation(m[0]);
        const href = safeHref(url);
        if (href) {
          flush();
          out.push({ kind: "link", href, children: [{ kind: "text", text: url }] });
          i += url.length;
          continue;
        }
      }
    }
    buf += ch;
    i++;
  }
  flush();
  return out;
}

/** "see https://x.org/a." links `https://x.org/a`; a closing parenthesis stays only if one was opened. */
function trimTrailingPunctuation(url: string): string {
  let end = url.length;
  while (end > 0) {
    const c = url[end - 1]!;
    if (".,;:!?*_~".includes(c)) end--;
    else if (c === ")" && count(url.slice(0, end), "(") < count(url.slice(0, end), ")")) end--;
    else break;
  }
  return url.slice(0, end);
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}
