/**
 * The current round of automatic transfers: everything that happened to a conversation since the
 * visitor was last answered. An automatic transfer must not hand the visitor back to an
 * operator who already left that same message unanswered (alice → carol → alice → … every few
 * seconds), and the visitor hears "you are being transferred" once per round, not once per hop.
 *
 * The round is read from the conversation's event log, which is the truth a restart rebuilds from,
 * so the round survives a restart without a column of its own. An operator reply ends the round
 * (`visitorAwaitingReplySince` becomes null); the visitor's next unanswered message starts a new one.
 */
import type { AnyStoredEvent } from "../conversation/conversation.events";
import type { Conversation } from "../conversation/conversation.model";
import type { EngineContext } from "../conversation/engine.context";

/** What the current round of automatic transfers has done so far. */
export interface AutoTransferRound {
  /** Operators who held the conversation during the round, the current one included. */
  readonly tried: ReadonlySet<string>;
  /** The visitor was already told about an automatic transfer in this round. */
  readonly visitorNotified: boolean;
}

/** Events read per page when walking the log back to the start of the round. */
const PAGE = 100;

/**
 * Reads the round from the log, newest first, back to the last operator message (the answer that
 * ended the previous round) or the start of the conversation. Events are ordered by seq, not time,
 * so a reply and a new question in the same millisecond still separate two rounds. A round is short:
 * a handful of hand-overs and the visitor's messages while waiting.
 */
export function autoTransferRound(ctx: EngineContext, c: Conversation): AutoTransferRound {
  const tried = new Set<string>(c.operatorId ? [c.operatorId] : []);
  let visitorNotified = false;
  if (c.visitorAwaitingReplySince === null) return { tried, visitorNotified };
  let beforeSeq = c.lastSeq + 1;
  for (;;) {
    const page = ctx.stores.events.list(c.id, { beforeSeq, limit: PAGE, includeStaff: true });
    for (let i = page.length - 1; i >= 0; i--) {
      const event = page[i]!;
      if (answers(event)) return { tried, visitorNotified };
      const holder = holderOf(event);
      if (holder) tried.add(holder);
      if (event.type === "notice" && event.payload.kind === "auto_transfer") visitorNotified = true;
    }
    if (page.length < PAGE) return { tried, visitorNotified };
    beforeSeq = page[0]!.seq;
  }
}

/** An operator (or manager) message: the visitor was answered, so the round began after it. */
const answers = (event: AnyStoredEvent) => event.type === "message" && event.actor.kind === "operator";

/** The operator an event shows holding the conversation (given it, or handing it on), if any. */
function holderOf(event: AnyStoredEvent): string | null {
  switch (event.type) {
    case "conversation.assigned":
      return event.payload.operatorId;
    case "conversation.transferred":
      return event.payload.fromOperatorId;
    case "conversation.requeued":
      return event.payload.fromOperatorId || null;
    default:
      return null;
  }
}
