/**
 * Phrases for error codes shown by the panel's forms (start, offline message, questionnaire):
 * one wording per code, translated. File and conversation phrases are in conversation.texts.ts.
 */
import { msg } from "@lit/localize";

/** What to tell the visitor for an error code from the server or a local check. */
export function errorText(code: string): string {
  switch (code) {
    case "rate.limited":
      return msg("You are going a bit fast. Please wait a moment and try again.", { id: "error.rate-limited" });
    case "conversation.ended":
      return msg("This chat has ended.", { id: "error.conversation-ended" });
    case "request.too_large":
      return msg("This message is too long.", { id: "error.too-long" });
    case "network":
    case "socket.not_connected":
      return msg("You seem to be offline. Please try again when the connection is back.", { id: "error.network" });
    default:
      return msg("Something went wrong. Please try again.", { id: "error.generic" });
  }
}
