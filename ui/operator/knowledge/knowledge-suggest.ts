/**
 * Suggesting articles from the visitor's question. The knowledge search matches every word of a
 * query, so a whole sentence ("How do I reset my password?") finds nothing; instead the question is
 * reduced to its meaningful words (no stop words, English and French), each is searched, and the
 * articles matching the most words come first.
 */

const STOP_WORDS = new Set(
  (
    "about after again also and any are because been before being but can cannot could did does doing dont for from have having hello " +
    "help here how into just like may more most need not now only other our out please should some such than thank thanks that the their " +
    "them then there these they this those through very want was were what when where which while who why will with would you your " +
    "avec aussi avoir bonjour ceci cela cette comme comment dans des donc elle est être faire fait faut leur mais merci mes mon nous " +
    "par pas peux plus pour pourquoi quand que quel quelle qui sans ses son sont sur une vos votre vous"
  ).split(" "),
);

/** The words of a question worth searching for, most distinctive (longest) first, at most `max`. */
export function keywordsOf(question: string, max = 4): string[] {
  const words = question
    .toLowerCase()
    .normalize("NFKC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 4 && !STOP_WORDS.has(w) && !/^\d+$/.test(w));
  return [...new Set(words)].sort((a, b) => b.length - a.length).slice(0, max);
}

/** A search hit with the fields merging needs. */
export interface ScoredHit {
  readonly title: string;
  readonly score?: number;
}

/** Merges per-keyword result lists: articles found by more keywords first, then by total score. */
export function mergeSuggestions<H extends ScoredHit>(lists: readonly (readonly H[])[], limit = 8): H[] {
  const merged = new Map<string, { hit: H; hits: number; score: number }>();
  for (const list of lists) {
    for (const hit of list) {
      const seen = merged.get(hit.title);
      if (seen) {
        seen.hits++;
        seen.score += hit.score ?? 0;
      } else merged.set(hit.title, { hit, hits: 1, score: hit.score ?? 0 });
    }
  }
  return [...merged.values()].sort((a, b) => b.hits - a.hits || b.score - a.score).slice(0, limit).map((m) => m.hit);
}
