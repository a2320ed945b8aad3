/**
 * The acknowledgement a visitor receives after leaving an offline message (the product's
 * "auto-reply to after-hours requests"): the configured subject and text in the widget's language,
 * %VISITOR% replaced by the name they typed, then a copy of their message so they know what we
 * received. Plain text plus an HTML alternative in which every value is escaped. Pure.
 */
import type { OfflineAutoReplyConfig } from "../../config/schema";
import { escapeHtml } from "./html.escape";

/** The languages the auto-reply is written in (those of the widget). */
export type AutoReplyLanguage = keyof OfflineAutoReplyConfig["subject"];

/** What the template is made from. */
export interface OfflineAutoReplyInput {
  readonly settings: OfflineAutoReplyConfig;
  readonly language: AutoReplyLanguage;
  /** The name the visitor typed in the form. */
  readonly visitorName: string;
  /** Their message, quoted under the text. */
  readonly message: string;
  /** The widget's title, signing the e-mail (`widget.title`). */
  readonly signature: string;
}

/** A rendered e-mail. */
export interface RenderedAutoReply {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Longest visitor name put into the subject or the greeting (the form accepts 200 characters). */
const NAME_MAX = 80;

const COPY_HEADING: Record<AutoReplyLanguage, string> = { en: "Your message:", fr: "Votre message :" };

/**
 * The widget language to write in: the primary subtag of the browser's language when the auto-reply
 * exists in it ("fr-CA" → fr), else the widget's default language.
 */
export function autoReplyLanguage(language: string | null | undefined, fallback: AutoReplyLanguage): AutoReplyLanguage {
  const primary = (language ?? "").toLowerCase().split(/[-_]/)[0];
  return primary === "en" || primary === "fr" ? primary : fallback;
}

/** Renders the auto-reply. */
export function renderOfflineAutoReply(input: OfflineAutoReplyInput): RenderedAutoReply {
  const name = oneLine(input.visitorName).slice(0, NAME_MAX);
  const fill = (template: string) => template.replaceAll("%VISITOR%", name);
  const subject = oneLine(fill(input.settings.subject[input.language])).slice(0, 200);
  const body = fill(input.settings.text[input.language]).replace(/\r\n?/g, "\n").trimEnd();
  const message = input.message.replace(/\r\n?/g, "\n");
  const signature = oneLine(input.signature);
  const text = [body, "", COPY_HEADING[input.language], ...message.split("\n").map((line) => `> ${line}`), "", `-- `, signature, ""].join("\n");
  const paragraphs = body
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("");
  const html = [
    `<!doctype html><html lang="${input.language}"><body style="font-family:system-ui,sans-serif;font-size:15px;line-height:1.45;color:#1d2430">`,
    paragraphs,
    `<p style="margin-bottom:4px;color:#5b6473">${escapeHtml(COPY_HEADING[input.language])}</p>`,
    `<blockquote style="margin:0 0 16px;padding:8px 12px;border-left:3px solid #c5cbd6;white-space:pre-wrap">${escapeHtml(message)}</blockquote>`,
    `<p style="color:#5b6473">${escapeHtml(signature)}</p>`,
    `</body></html>`,
  ].join("");
  return { subject, text, html };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
