/**
 * The e-mail an operator receives when a visitor leaves an offline message: who wrote (name and
 * address, also the Reply-To so "Reply" answers the visitor), for which department, from which
 * page, why they could not chat, when, and the message itself. Plain text always, plus an HTML
 * alternative in which every value is escaped. Pure, so the wording is tested without SMTP.
 */
import type { OfflineMessageRow } from "../../storage/repositories/offline-messages.repository";
import { escapeHtml, safeHref } from "./html.escape";

/** What the template is made from. */
export interface OfflineMessageMailInput {
  readonly message: OfflineMessageRow;
  readonly recipientName: string;
  /** The department's display name, or null when the visitor chose none. */
  readonly departmentName: string | null;
  /** IANA timezone for "received at" (the opening hours' timezone). */
  readonly timeZone: string;
  /** Where operators handle offline messages (`<publicUrl>/console`). */
  readonly consoleUrl: string;
  /** Whether the visitor's address is used as Reply-To (said in the text only when true). */
  readonly replyToVisitor: boolean;
}

/** A rendered e-mail. */
export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const REASONS: Record<string, string> = {
  after_hours: "outside opening hours",
  queue_full: "the waiting queue was full",
  no_operator: "no operator was available",
  queue_closed: "the queue was closed for the day",
  queue_timeout: "nobody answered before the maximum wait in the queue",
};

/** Renders the notification for one operator. */
export function renderOfflineMessageMail(input: OfflineMessageMailInput): RenderedMail {
  const m = input.message;
  const name = oneLine(m.name) || "A visitor";
  const reason = m.reason ? REASONS[m.reason] : undefined;
  const timeZone = validTimeZone(input.timeZone);
  const received = `${new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).format(m.createdAt)} (${timeZone})`;
  const rows: [string, string][] = [
    ["From", `${name} <${oneLine(m.email)}>`],
    ...(input.departmentName ? ([["Department", input.departmentName]] as [string, string][]) : []),
    ...(m.pageUrl ? ([["Page", m.pageUrl]] as [string, string][]) : []),
    ["Received", received],
  ];
  const intro = `${name} left a message${reason ? ` (${reason})` : ""}.`;
  const replyLine = input.replyToVisitor ? `Reply to this e-mail to answer ${name} directly.` : `Write to ${oneLine(m.email)} to answer.`;
  const handleLine = `Mark it handled in the console: ${input.consoleUrl}`;
  const subject = `Offline message from ${name}${input.departmentName ? ` (${oneLine(input.departmentName)})` : ""}`.slice(0, 200);

  const text = [
    `Hello ${oneLine(input.recipientName)},`,
    "",
    intro,
    "",
    ...rows.map(([label, value]) => `${`${label}:`.padEnd(12)}${value}`),
    "",
    "Message:",
    ...m.message.split(/\r?\n/).map((line) => `  ${line}`),
    "",
    replyLine,
    handleLine,
    `Reference: ${m.id}`,
    "",
  ].join("\n");

  const cell = "padding:2px 12px 2px 0;vertical-align:top";
  const htmlRows = rows
    .map(([label, value]) => `<tr><th style="${cell};text-align:left;font-weight:600">${escapeHtml(label)}</th><td style="${cell}">${htmlValue(label, value, m)}</td></tr>`)
    .join("");
  const consoleHref = safeHref(input.consoleUrl);
  const html = [
    `<!doctype html><html><body style="font-family:system-ui,sans-serif;font-size:15px;line-height:1.45;color:#1d2430">`,
    `<p>Hello ${escapeHtml(oneLine(input.recipientName))},</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    `<table role="presentation" style="border-collapse:collapse">${htmlRows}</table>`,
    `<blockquote style="margin:16px 0;padding:8px 12px;border-left:3px solid #c5cbd6;white-space:pre-wrap">${escapeHtml(m.message)}</blockquote>`,
    `<p>${escapeHtml(replyLine)}<br>`,
    consoleHref ? `<a href="${consoleHref}">Mark it handled in the console</a>` : escapeHtml(handleLine),
    `</p><p style="color:#5b6473;font-size:12px">Reference: ${escapeHtml(m.id)}</p>`,
    `</body></html>`,
  ].join("");
  return { subject, text, html };
}

/** The value cell: the page as a link when it is an http(s) URL, everything escaped. */
function htmlValue(label: string, value: string, m: OfflineMessageRow): string {
  if (label === "Page" && m.pageUrl) {
    const href = safeHref(m.pageUrl);
    if (href) return `<a href="${href}">${escapeHtml(m.pageUrl)}</a>`;
  }
  return escapeHtml(value);
}

/** Header-ish text on one line. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** The timezone if the runtime knows it, else UTC (a typo in the config must not lose the e-mail). */
function validTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}
