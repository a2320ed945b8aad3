/**
 * Translated names of conversation states, priorities and end reasons, shared by the list, the
 * chat header and the filters.
 */
import { msg } from "@lit/localize";
import type { ConversationState, Priority } from "../../shared/protocol";

/** A conversation state in words. */
export function stateLabel(state: ConversationState): string {
  switch (state) {
    case "pending":
      return msg("New", { id: "state.pending" });
    case "waiting":
      return msg("Waiting", { id: "state.waiting" });
    case "active":
      return msg("Active", { id: "state.active" });
    case "ended":
      return msg("Ended", { id: "state.ended" });
  }
}

/** A priority in words. */
export function priorityLabel(priority: Priority): string {
  switch (priority) {
    case "low":
      return msg("Low", { id: "priority.low" });
    case "normal":
      return msg("Normal", { id: "priority.normal" });
    case "high":
      return msg("High", { id: "priority.high" });
    case "urgent":
      return msg("Urgent", { id: "priority.urgent" });
  }
}

/** Every priority, lowest first. */
export const PRIORITIES: readonly Priority[] = ["low", "normal", "high", "urgent"];
