/**
 * What `/t Name [message]` and `/a` do: `/t` asks the named colleague to take the conversation
 * (they accept with `/a`), `/a` accepts the transfer offered to me (the oldest when several).
 * Every outcome is told to the operator; returns true when the composer may be cleared.
 */
import { msg, str } from "@lit/localize";
import { toast, type ConsoleServices } from "../state/console.context";
import type { SlashCommand } from "./slash-commands";

/** Runs a parsed command for the conversation on screen. */
export async function runCommand(services: ConsoleServices, conversationId: string, command: SlashCommand): Promise<boolean> {
  switch (command.kind) {
    case "accept": {
      const offers = [...services.store.state.offers.values()].sort((a, b) => (a.expiresAt ?? Infinity) - (b.expiresAt ?? Infinity));
      const offer = offers[0];
      if (!offer) {
        toast(services, msg("No transfer is offered to you.", { id: "cmd.noOffer" }), "error");
        return false;
      }
      try {
        await services.connection.acceptTransfer(offer.transferId, offer.conversation.id);
        services.store.select(offer.conversation.id);
        return true;
      } catch (error) {
        toast(services, (error as Error).message, "error");
        return false;
      }
    }
    case "transfer":
      try {
        await services.connection.send({ type: "transfer", conversationId, toOperatorId: command.operator.id, ...(command.message ? { message: command.message } : {}) });
        const name = command.operator.name;
        toast(services, msg(str`Transfer request sent to ${name}.`, { id: "cmd.transferSent" }));
        return true;
      } catch (error) {
        toast(services, (error as Error).message, "error");
        return false;
      }
    case "invalid": {
      const name = command.name ?? "";
      const text =
        command.reason === "missing-name"
          ? msg("Write the operator's name after /t, e.g. /t Anne.", { id: "cmd.missingName" })
          : command.reason === "ambiguous"
            ? msg(str`Several operators match “${name}”: write more of the name.`, { id: "cmd.ambiguous" })
            : command.reason === "unknown-operator"
              ? msg(str`No online operator is called “${name}”.`, { id: "cmd.unknownOperator" })
              : msg(str`Unknown command /${name}. Use /t Name or /a (start with // to send a slash).`, { id: "cmd.unknown" });
      toast(services, text, "error");
      return false;
    }
  }
}
