/**
 * The chat transcript as a plain-text file, generated in the browser from the history the widget
 * already holds (nothing is sent anywhere). Times are in the visitor's own time zone.
 */
import { msg, str } from "@lit/localize";
import { markerText } from "../elements/conversation.texts";
import type { TimelineItem } from "./chat.model";

/** Labels used in the transcript, already translated by the caller. */
export interface TranscriptLabels {
  readonly title: string;
  readonly you: string;
  readonly operator: string;
  readonly system: string;
  readonly file: (name: string) => string;
  readonly marker: (item: Extract<TimelineItem, { kind: "marker" }>) => string;
}

/** The transcript text: a header line, then one line (or indented block) per message. */
export function transcriptText(items: readonly TimelineItem[], labels: TranscriptLabels, locale: string, timeZone?: string): string {
  const fmt = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short", ...(timeZone ? { timeZone } : {}) });
  const lines = [labels.title, "=".repeat(Math.min(60, Math.max(10, labels.title.length))), ""];
  for (const item of items) {
    const when = `[${fmt.format(item.at)}]`;
    if (item.kind === "marker") lines.push(`${when} — ${labels.marker(item)}`);
    else if (item.kind === "notice") lines.push(`${when} ${labels.system}: ${item.text}`);
    else if (item.kind === "message" && item.status !== "failed") {
      const who = item.from === "visitor" ? labels.you : item.from === "operator" ? (item.name ?? labels.operator) : labels.system;
      const body = [item.text, item.file ? labels.file(item.file.name) : ""].filter(Boolean).join("\n");
      const [first = "", ...rest] = body.split("\n");
      lines.push(`${when} ${who}: ${first}`, ...rest.map((line) => `    ${line}`));
    }
  }
  return lines.join("\n") + "\n";
}

/** A file name for the transcript of a chat that started at `at`: parley-chat-YYYY-MM-DD.txt. */
export function transcriptFileName(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `chat-transcript-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}.txt`;
}

/** Builds the transcript in the visitor's language and saves it as a text file. */
export function downloadTranscript(items: readonly TimelineItem[], title: string, locale: string): void {
  const text = transcriptText(items, {
    title: msg(str`Chat transcript — ${title}`, { id: "transcript.title" }),
    you: msg("You", { id: "sender.you" }),
    operator: msg("Operator", { id: "sender.operator" }),
    system: msg("Notice", { id: "transcript.notice" }),
    file: (name) => msg(str`[file: ${name}]`, { id: "transcript.file" }),
    marker: markerText,
  }, locale);
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = transcriptFileName(items[0]?.at ?? Date.now());
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
