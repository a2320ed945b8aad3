/**
 * Canned responses in the composer: typing `#` starts a search (by shortcut, topic or text), and
 * choosing a response replaces the `#query` with its text, %VISITOR% and %OPERATOR% expanded.
 * Pure functions; the picker element only renders what these return.
 */

/** A canned response as the API lists it. */
export interface CannedResponse {
  readonly shortcut: string;
  readonly topic: string;
  readonly text: string;
}

/** The `#query` being typed at the caret, with its position in the text. */
export interface HashQuery {
  readonly start: number;
  readonly end: number;
  readonly query: string;
}

/**
 * The `#word` that ends at the caret, if the `#` starts a word (line start or after a space), so
 * "#ref" searches but "issue#12" and URLs with fragments do not.
 */
export function hashQueryAt(text: string, caret: number): HashQuery | null {
  const head = text.slice(0, caret);
  const match = /(^|\s)#([\p{L}\p{N}_-]*)$/u.exec(head);
  if (!match) return null;
  const start = caret - match[2]!.length - 1;
  return { start, end: caret, query: match[2]! };
}

/**
 * Responses matching `query`, best first: exact shortcut, shortcut prefix, topic prefix, then
 * responses whose shortcut, topic or text contains every word of the query.
 */
export function searchCanned(responses: readonly CannedResponse[], query: string, limit = 8): CannedResponse[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...responses].sort(byTopic).slice(0, limit);
  const words = q.split(/\s+/);
  const scored: { r: CannedResponse; score: number }[] = [];
  for (const r of responses) {
    const shortcut = r.shortcut.toLowerCase();
    const topic = r.topic.toLowerCase();
    const hay = `${shortcut} ${topic} ${r.text.toLowerCase()}`;
    let score = 0;
    if (shortcut === q) score = 100;
    else if (shortcut.startsWith(q)) score = 80;
    else if (topic.startsWith(q)) score = 50;
    else if (words.every((w) => hay.includes(w))) score = 20;
    if (score) scored.push({ r, score });
  }
  return scored.sort((a, b) => b.score - a.score || byTopic(a.r, b.r)).slice(0, limit).map((s) => s.r);
}

function byTopic(a: CannedResponse, b: CannedResponse): number {
  return a.topic.localeCompare(b.topic) || a.shortcut.localeCompare(b.shortcut);
}

/** Groups responses by topic, topics sorted, for the canned responses tab. */
export function groupByTopic(responses: readonly CannedResponse[]): [string, CannedResponse[]][] {
  const groups = new Map<string, CannedResponse[]>();
  for (const r of [...responses].sort(byTopic)) groups.set(r.topic, [...(groups.get(r.topic) ?? []), r]);
  return [...groups.entries()];
}

/** Replaces %VISITOR% and %OPERATOR% (any case); an unknown visitor name becomes a neutral word. */
export function expandCanned(text: string, names: { visitor: string | null; operator: string }, fallbackVisitor: string): string {
  return text.replace(/%VISITOR%/gi, names.visitor?.trim() || fallbackVisitor).replace(/%OPERATOR%/gi, names.operator);
}

/** Replaces the `#query` with the chosen response; the caret goes after the inserted text. */
export function applyCanned(text: string, at: HashQuery, expanded: string): { value: string; caret: number } {
  const value = text.slice(0, at.start) + expanded + text.slice(at.end);
  return { value, caret: at.start + expanded.length };
}
