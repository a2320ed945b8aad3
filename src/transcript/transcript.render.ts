/**
 * A conversation as a plain-text transcript, the way the visitor saw it (messages, notices and
 * lifecycle lines; never internal notes or transfer details), with times in the site's timezone.
 * Used for e-mailed transcripts; pure, so its format is tested without a database.
 */
import type { ConversationEvent, StaffConversationViewT } from "../transport/ws/protocol";

/** What a transcript is made from. */
export interface TranscriptInput {
  readonly conversation: StaffConversationViewT;
  /** The visitor-audience events, in seq order. */
  readonly events: readonly ConversationEvent[];
  /** IANA timezone for the times (the opening hours' timezone). */
  readonly timeZone: string;
  /** The site's name for the subject line (widget title). */
  readonly siteName: string;
}

/** A rendered transcript. */
export interface Transcript {
  readonly subject: string;
  readonly text: string;
}

/** Renders the transcript. */
export function renderTranscript(input: TranscriptInput): Transcript {
  const { conversation: c, timeZone } = input;
  const stamp = dateTimeFormat(timeZone);
  const time = timeFormat(timeZone);
  const visitor = c.visitor.name?.trim() || c.visitor.email?.trim() || "Visitor";
  const lines: string[] = [];
  lines.push(`Conversation with ${visitor}${c.visitor.email && c.visitor.name ? ` <${c.visitor.email}>` : ""}`);
  lines.push(`Started: ${stamp.format(c.createdAt)} (${timeZone})${c.endedAt ? ` — ended: ${stamp.format(c.endedAt)}` : ""}`);
  if (c.visitor.pageUrl) lines.push(`Page: ${c.visitor.pageUrl}`);
  lines.push(`Reference: ${c.id}`);
  lines.push("");
  for (const e of input.events) {
    const line = eventLine(e, visitor);
    if (line !== null && "at" in e) lines.push(`[${time.format(e.at)}] ${line}`);
  }
  return { subject: `${input.siteName} — conversation with ${visitor} (${stamp.format(c.createdAt)})`, text: lines.join("\n") + "\n" };
}

function eventLine(e: ConversationEvent, visitor: string): string | null {
  switch (e.type) {
    case "message": {
      const who = e.sender.kind === "visitor" ? visitor : e.sender.kind === "operator" ? (e.sender.name ?? "Operator") : "System";
      const file = e.file ? `${e.text ? " " : ""}[file: ${e.file.name}]` : "";
      return `${who}: ${indent(e.text)}${file}`;
    }
    case "notice":
      return `— ${e.text}`;
    case "conversation.assigned":
      return `— ${e.operator.name} joined the conversation`;
    case "conversation.ended":
      return "— The conversation ended";
    case "conversation.reescalated":
      return "— The conversation was reopened";
    default:
      return null;
  }
}

/** Continuation lines of a multi-line message are indented under it. */
function indent(text: string): string {
  return text.replace(/\r?\n/g, "\n    ");
}

function dateTimeFormat(timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat("en-GB", { timeZone, dateStyle: "medium", timeStyle: "short" });
  } catch {
    return new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", dateStyle: "medium", timeStyle: "short" });
  }
}

function timeFormat(timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit" });
  } catch {
    return new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", hour: "2-digit", minute: "2-digit" });
  }
}
