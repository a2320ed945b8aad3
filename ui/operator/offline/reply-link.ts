/**
 * The "Reply by e-mail" link of an offline message: a `mailto:` addressed to the visitor, with a
 * subject and the visitor's words quoted below, so the operator's mail program opens a ready reply.
 * Everything is percent-encoded (RFC 6068), so a name or message can never add headers or recipients.
 */

/** What the reply needs from the message. */
export interface ReplySource {
  readonly name: string;
  readonly email: string;
  readonly message: string;
  readonly createdAt: number;
}

/** The `mailto:` URL; `subject` and `intro` come translated from the caller. */
export function replyMailto(source: ReplySource, subject: string, intro: string): string {
  const quoted = source.message.split(/\r?\n/).map((line) => `> ${line}`).join("\r\n");
  const body = `${intro}\r\n${quoted}\r\n\r\n`;
  return `mailto:${encodeURIComponent(source.email).replace(/%40/g, "@")}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}
