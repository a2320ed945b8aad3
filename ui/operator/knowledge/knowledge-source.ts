/**
 * Whether a reply is still a knowledge base answer: the composer remembers the article the operator
 * inserted, and the message is sent with that article as its source only while the article's text
 * is still in it (surrounding words may be added). Rewritten answers are the operator's own.
 */

/** The article last inserted into the composer. */
export interface InsertedArticle {
  readonly title: string;
  readonly body: string;
}

const squash = (text: string) => text.replace(/\s+/g, " ").trim();

/** The article's title when `text` still carries its whole body (whitespace aside), else null. */
export function knowledgeTitleFor(text: string, inserted: InsertedArticle | null): string | null {
  if (!inserted) return null;
  const body = squash(inserted.body);
  return body && squash(text).includes(body) ? inserted.title : null;
}
