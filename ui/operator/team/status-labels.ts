/**
 * Translated names of the built-in statuses (the configured optional ones are shown as written in
 * the YAML, which is already in the team's language).
 */
import { msg } from "@lit/localize";

/** The label of a built-in status in the console's language. */
export function builtinStatusLabel(id: string, fallback: string): string {
  switch (id) {
    case "connected":
      return msg("Connected", { id: "status.connected" });
    case "break":
      return msg("On break", { id: "status.break" });
    case "offline":
      return msg("Offline", { id: "status.offline" });
    default:
      return fallback;
  }
}
