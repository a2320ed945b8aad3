/** Why a conversation ended, in the console's language. */
import { msg } from "@lit/localize";
import type { Static } from "@sinclair/typebox";
import type { EndReasonSchema } from "../../shared/protocol";

/** An end reason in words. */
export function endReasonLabel(reason: Static<typeof EndReasonSchema>): string {
  switch (reason) {
    case "visitor":
      return msg("closed by the visitor", { id: "end.visitor" });
    case "operator":
      return msg("closed by the operator", { id: "end.operator" });
    case "manager":
      return msg("closed by a manager", { id: "end.manager" });
    case "inactivity":
      return msg("visitor inactive", { id: "end.inactivity" });
    case "after_hours":
      return msg("outside opening hours", { id: "end.afterHours" });
    case "no_operator":
      return msg("no operator available", { id: "end.noOperator" });
    case "queue_timeout":
      return msg("waited too long in the queue", { id: "end.queueTimeout" });
  }
}
