/**
 * Ranked full-text search over the knowledge base articles (config `knowledgeBase`), for the
 * operator's "Find knowledge" tab. The corpus is small (hundreds of articles) and changes only on
 * config reload, so an in-memory inverted index per config snapshot is enough: accent- and
 * case-insensitive terms, TF-IDF weights with title and tags counting more than the body, prefix
 * matching of the last word (results while typing), and a bonus when the whole query appears.
 */

/** One article as configured. */
export interface Article {
  readonly title: string;
  readonly body: string;
  readonly tags: readonly string[];
  /** The article's public page, if any. */
  readonly url?: string;
}

/** A search hit. */
export interface KnowledgeHit {
  readonly article: Article;
  readonly score: number;
  /** A short passage of the body around the first match (or its beginning). */
  readonly excerpt: string;
}

const FIELD_WEIGHT = { title: 3, tags: 2, body: 1 } as const;
const EXCERPT_LENGTH = 200;

/** Lower-case, accents removed: "Réseau" and "reseau" are the same term. */
export function normalise(text: string): string {
  return text.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
}

/** Terms of a text: runs of letters/digits of 2+ characters, normalised. */
export function terms(text: string): string[] {
  return normalise(text).match(/[\p{L}\p{N}]{2,}/gu) ?? [];
}

interface Posting {
  readonly doc: number;
  readonly weight: number;
}

/** An index over one list of articles. */
export class KnowledgeIndex {
  private readonly postings = new Map<string, Posting[]>();
  private readonly normalisedTitles: string[];
  private readonly normalisedBodies: string[];

  constructor(private readonly articles: readonly Article[]) {
    this.normalisedTitles = articles.map((a) => normalise(a.title));
    this.normalisedBodies = articles.map((a) => normalise(a.body));
    articles.forEach((a, doc) => {
      const weights = new Map<string, number>();
      const add = (text: string, w: number) => {
        for (const term of terms(text)) weights.set(term, (weights.get(term) ?? 0) + w);
      };
      add(a.title, FIELD_WEIGHT.title);
      add(a.tags.join(" "), FIELD_WEIGHT.tags);
      add(a.body, FIELD_WEIGHT.body);
      for (const [term, weight] of weights) {
        let list = this.postings.get(term);
        if (!list) this.postings.set(term, (list = []));
        list.push({ doc, weight: Math.log1p(weight) });
      }
    });
  }

  /** The best `limit` articles for `query`, best first; every query word must match (the last one as a prefix). */
  search(query: string, limit = 10): KnowledgeHit[] {
    const words = terms(query);
    if (words.length === 0 || this.articles.length === 0) return [];
    const n = this.articles.length;
    let scores: Map<number, number> | null = null;
    words.forEach((word, i) => {
      const isLast = i === words.length - 1 && !/\s$/.test(query);
      const matched = new Map<number, number>();
      for (const [term, postings] of this.postings) {
        const exact = term === word;
        if (!exact && !(isLast && term.startsWith(word))) continue;
        const idf = Math.log(1 + n / postings.length);
        for (const p of postings) matched.set(p.doc, Math.max(matched.get(p.doc) ?? 0, p.weight * idf * (exact ? 1 : 0.7)));
      }
      const next = new Map<number, number>();
      for (const [doc, s] of matched) {
        if (scores === null) next.set(doc, s);
        else if (scores.has(doc)) next.set(doc, scores.get(doc)! + s);
      }
      scores = next;
    });
    const phrase = normalise(query.trim());
    const ranked = [...(scores ?? new Map<number, number>())].map(([doc, s]) => {
      const bonus = phrase.includes(" ") && (this.normalisedTitles[doc]!.includes(phrase) ? 2 : this.normalisedBodies[doc]!.includes(phrase) ? 1 : 0);
      return { doc, score: s + (bonus || 0) };
    });
    ranked.sort((a, b) => b.score - a.score || a.doc - b.doc);
    return ranked.slice(0, limit).map(({ doc, score }) => ({ article: this.articles[doc]!, score: Math.round(score * 1000) / 1000, excerpt: this.excerpt(doc, words) }));
  }

  private excerpt(doc: number, words: readonly string[]): string {
    const body = this.articles[doc]!.body;
    const normalised = this.normalisedBodies[doc]!;
    const at = Math.min(...words.map((w) => normalised.indexOf(w)).filter((i) => i >= 0), Number.POSITIVE_INFINITY);
    if (body.length <= EXCERPT_LENGTH) return body;
    const start = at === Number.POSITIVE_INFINITY ? 0 : Math.max(0, at - 60);
    const slice = body.slice(start, start + EXCERPT_LENGTH).trim();
    return `${start > 0 ? "…" : ""}${slice}${start + EXCERPT_LENGTH < body.length ? "…" : ""}`;
  }
}

const indexes = new WeakMap<readonly Article[], KnowledgeIndex>();

/** The index of an article list, built once per config snapshot. */
export function knowledgeIndex(articles: readonly Article[]): KnowledgeIndex {
  let index = indexes.get(articles);
  if (!index) indexes.set(articles, (index = new KnowledgeIndex(articles)));
  return index;
}
