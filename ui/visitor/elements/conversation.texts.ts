/**
 * Translated phrases of the conversation screen computed from data: file errors, queue estimates,
 * lifecycle markers, sizes and times. Shipped with the conversation chunk.
 */
import { msg, str } from "@lit/localize";
import type { TimelineMarker } from "../chat/chat.model";
import { errorText } from "./texts";

/** What to tell the visitor about a file or message error code. */
export function fileErrorText(code: string, maxBytes?: number): string {
  switch (code) {
    case "upload.too_large":
      return maxBytes ? msg(str`This file is too large (at most ${formatSize(maxBytes)}).`, { id: "error.too-large.max" }) : msg("This file is too large.", { id: "error.too-large" });
    case "upload.type_not_allowed":
      return msg("This type of file is not accepted.", { id: "error.type-not-allowed" });
    case "upload.type_mismatch":
      return msg("The file's content does not match its name.", { id: "error.type-mismatch" });
    default:
      return errorText(code);
  }
}

/** "About 3 minutes", "Less than a minute", or null when unknown. */
export function waitText(ms: number | null): string | null {
  if (ms === null) return null;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return msg("Estimated wait: less than a minute", { id: "queue.wait.soon" });
  return msg(str`Estimated wait: about ${minutes} min`, { id: "queue.wait.minutes" });
}

/** The line shown for a lifecycle marker. */
export function markerText(item: Pick<TimelineMarker, "marker" | "name">): string {
  switch (item.marker) {
    case "joined": {
      const name = item.name ?? msg("An operator", { id: "marker.someone" });
      return msg(str`${name} joined the chat`, { id: "marker.joined" });
    }
    case "requeued":
      return msg("You are waiting for another operator", { id: "marker.requeued" });
    case "ended":
      return msg("The chat has ended", { id: "marker.ended" });
    case "reopened":
      return msg("The chat was reopened", { id: "marker.reopened" });
  }
}

/** A byte count for people: 840 KB, 2.5 MB. */
export function formatSize(bytes: number): string {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), "megabyte"] : [Math.max(1, bytes / 1024), "kilobyte"];
  return new Intl.NumberFormat(undefined, { style: "unit", unit, maximumFractionDigits: 1 }).format(value);
}

/** Time of a message: the hour today, the date and hour before today. */
export function timeText(at: number, locale: string, now = Date.now()): string {
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  return new Intl.DateTimeFormat(locale, sameDay ? { timeStyle: "short" } : { dateStyle: "short", timeStyle: "short" }).format(at);
}
