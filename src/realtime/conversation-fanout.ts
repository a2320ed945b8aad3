/**
 * Fans committed conversation events out to the hub: the event itself to everyone following the
 * conversation (each audience its own view), and, for events that change the conversation as a
 * whole (queued, assigned, transferred, ended…), a `conversation` summary to the staff who may see
 * it: its department (or everyone, without department), its current and previous operator.
 */
import type { AnyStoredEvent, EventType } from "../core/conversation/conversation.events";
import type { ConversationFrame, TransferOfferFrame } from "../transport/ws/protocol";
import type { Static } from "@sinclair/typebox";
import { eventFrameFor, operatorRef, type OperatorDirectory } from "./event-view";
import { HubMessage, type Hub } from "./hub";
import type { RealtimeQueries } from "./realtime.ports";
import { Topics } from "./topics";

/** Event types after which the conversation's summary changed for the staff lists. */
const SUMMARY_CHANGES: ReadonlySet<EventType> = new Set<EventType>([
  "conversation.created",
  "conversation.queued",
  "conversation.assigned",
  "conversation.requeued",
  "conversation.transferred",
  "conversation.ended",
  "conversation.reescalated",
  "conversation.updated",
]);

/** Event types whose visitor view is identical to the staff view (see event-view.ts), knowledge base answers aside. */
const SAME_FOR_EVERYONE: ReadonlySet<EventType> = new Set<EventType>(["message", "notice", "conversation.ended", "questionnaire.offered", "file.requested"]);

/** Publishes conversation events and summaries. */
export class ConversationFanout {
  /**
   * Summaries published in the current event-loop turn, by conversation (topics and text). The view
   * is read after the command, so the several summary events of one command (created + assigned,
   * ended + requeued…) would send every operator of the department the same frame several times.
   */
  private sentThisTurn: Map<string, string> | null = null;

  constructor(
    private readonly hub: Hub,
    private readonly directory: OperatorDirectory,
    private readonly queries: RealtimeQueries,
  ) {}

  /** A committed event: deliver it, then the summary if the conversation changed as a whole. */
  onEvent(event: AnyStoredEvent): void {
    const id = event.conversationId;
    const staff = eventFrameFor(event, "staff", this.directory);
    // Messages, notices and ends read the same for both audiences: one frame, serialised once
    // (not a knowledge base answer: staff also see how the visitor sees it, `source.asOperator`).
    const same = SAME_FOR_EVERYONE.has(event.type) && event.visibility === "all" && !(event.type === "message" && event.payload.source);
    const visitor = same ? staff : eventFrameFor(event, "visitor", this.directory);
    const frames = { visitor, staff };
    this.hub.publish(Topics.conversation(id), new HubMessage(frames, id, event.seq));

    if (event.type === "transfer.requested") this.offerTransfer(event);
    if (!SUMMARY_CHANGES.has(event.type)) return;
    const view = this.queries.staffView(id);
    if (!view) return;
    const topics = new Set([Topics.department(view.department)]);
    if (view.operatorId) topics.add(Topics.operator(view.operatorId));
    if (event.type === "conversation.transferred") {
      if (event.payload.fromOperatorId) topics.add(Topics.operator(event.payload.fromOperatorId));
      if (event.payload.toDepartment) topics.add(Topics.department(event.payload.toDepartment));
    }
    if (event.type === "conversation.requeued") topics.add(Topics.operator(event.payload.fromOperatorId));
    const frame: Static<typeof ConversationFrame> = { type: "conversation", conversation: view };
    const message = new HubMessage({ visitor: null, staff: frame });
    const targets = [...topics];
    if (this.alreadySent(id, `${targets.join(" ")}\n${message.textFor("staff")}`)) return;
    this.hub.publishToTopics(targets, message);
  }

  /** True when this very summary went to these very topics earlier in this turn; remembers it otherwise. */
  private alreadySent(conversationId: string, key: string): boolean {
    let sent = this.sentThisTurn;
    if (!sent) {
      sent = this.sentThisTurn = new Map();
      queueMicrotask(() => (this.sentThisTurn = null));
    }
    if (sent.get(conversationId) === key) return true;
    sent.set(conversationId, key);
    return false;
  }

  /** A read receipt: live only, the stored read position is in the snapshots. */
  onRead(conversationId: string, reader: "visitor" | "operator", upToSeq: number): void {
    const frame = { type: "event" as const, conversationId, event: { type: "read" as const, reader, upToSeq } };
    this.hub.publish(Topics.conversation(conversationId), new HubMessage({ visitor: frame, staff: frame }, conversationId));
  }

  /** Typing indicator: live only, never stored; the sender's own side does not need it. */
  onTyping(conversationId: string, sender: "visitor" | "operator", name: string | undefined, on: boolean): void {
    const frame = { type: "event" as const, conversationId, event: { type: "typing" as const, sender, ...(name ? { name } : {}), on } };
    // Visitors never see other staff typing only among themselves, but they do see their operator typing.
    this.hub.publish(Topics.conversation(conversationId), new HubMessage({ visitor: sender === "operator" ? frame : null, staff: frame }, conversationId));
  }

  private offerTransfer(event: Extract<AnyStoredEvent, { type: "transfer.requested" }>): void {
    const view = this.queries.staffView(event.conversationId);
    if (!view) return;
    const frame: Static<typeof TransferOfferFrame> = {
      type: "transfer",
      transferId: event.payload.transferId,
      conversation: view,
      from: operatorRef(this.directory, event.payload.fromOperatorId),
      message: event.payload.message,
      expiresAt: event.payload.expiresAt,
    };
    this.hub.publish(Topics.operator(event.payload.toOperatorId), new HubMessage({ visitor: null, staff: frame }));
  }
}
