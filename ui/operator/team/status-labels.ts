/**
 * Names of the operator statuses in the console's language: the built-in ones are translated, the
 * configured optional ones are shown as written in the YAML (already in the team's language).
 */
import { msg } from "@lit/localize";
import type { ConsoleConfig } from "../api/console.api";

/** A status of the configuration (built-in or the team's own). */
export type ConfiguredStatus = ConsoleConfig["statuses"][number];

/** The label of a built-in status in the console's language. */
function builtinStatusLabel(id: string, fallback: string): string {
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

/** What a status is called on screen. */
export function statusName(status: ConfiguredStatus): string {
  return status.builtin ? builtinStatusLabel(status.id, status.label) : status.label;
}

/** The name of status `id`, or undefined when the configuration does not have it (any more: it is hot-reloaded). */
export function statusNameOf(statuses: readonly ConfiguredStatus[], id: string): string | undefined {
  const status = statuses.find((s) => s.id === id);
  return status && statusName(status);
}
