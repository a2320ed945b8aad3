/**
 * How team chat reaches the consoles: a stored message goes to every socket of both operators (the
 * recipient's tabs and the sender's other tabs), and a changed unread count to every tab of its
 * operator, so badges agree everywhere. Used by the operator socket and the REST routes alike.
 */
import { operatorRef, type OperatorDirectory } from "../realtime/event-view";
import { HubMessage } from "../realtime/hub";
import { Topics } from "../realtime/topics";
import type { TeamMessage } from "./team-chat.model";

/** The part of the realtime hub team chat publishes through. */
export interface TeamChatHub {
  publishToTopics(topics: readonly string[], message: HubMessage): number;
  subscriberCount(topic: string): number;
}

/** A message as the console and the API show it. */
export function teamMessageView(directory: OperatorDirectory, m: TeamMessage) {
  return { id: m.id, clientId: m.clientId, from: operatorRef(directory, m.senderId), to: m.recipientId, text: m.text, at: m.createdAt, readAt: m.readAt };
}

/** Publishes team chat frames to the operators' topics. */
export class TeamChatDelivery {
  constructor(
    private readonly hub: TeamChatHub,
    private readonly directory: OperatorDirectory,
  ) {}

  /** Sends the `op.message` frame to both operators; true when the recipient has a socket open. */
  message(m: TeamMessage): boolean {
    const { readAt: _readAt, ...view } = teamMessageView(this.directory, m);
    this.hub.publishToTopics([Topics.operator(m.recipientId), Topics.operator(m.senderId)], new HubMessage({ visitor: null, staff: { type: "op.message", ...view } }));
    return this.hub.subscriberCount(Topics.operator(m.recipientId)) > 0;
  }

  /** Sends an operator's unread counts (all colleagues; absent means none) to every tab of theirs. */
  unread(operatorId: string, counts: Readonly<Record<string, number>>): void {
    this.hub.publishToTopics([Topics.operator(operatorId)], new HubMessage({ visitor: null, staff: { type: "op.unread", counts } }));
  }
}
