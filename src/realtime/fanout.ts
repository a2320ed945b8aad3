/**
 * The realtime layer's subscription to the engine: every event the engine publishes after a commit
 * is routed to the publisher that handles it. Returned as one object so the composition root wires
 * (and tests build) the whole fan-out in one call.
 */
import type { EngineEvent, EngineListener } from "../core/conversation/conversation.events";
import { ConversationFanout } from "./conversation-fanout";
import type { OperatorDirectory } from "./event-view";
import type { Hub } from "./hub";
import { PresenceBroadcaster } from "./presence";
import { QueueNotifier } from "./queue-notifier";
import type { RealtimeQueries } from "./realtime.ports";
import type { Scheduler } from "./scheduler";

/** The publishers behind the engine listener. */
export interface Fanout {
  readonly conversations: ConversationFanout;
  readonly queue: QueueNotifier;
  readonly presence: PresenceBroadcaster;
  /** The engine listener: subscribe it with `engine.subscribe(fanout.listener)`. */
  readonly listener: EngineListener;
  /** Cancel pending coalesced pushes (shutdown). */
  stop(): void;
}

/** What the fan-out is built from. */
export interface FanoutDeps {
  readonly hub: Hub;
  readonly queries: RealtimeQueries;
  readonly directory: OperatorDirectory;
  readonly scheduler: Scheduler;
  /** Queue lengths after each coalesced queue flush (operator sockets derive their counts). */
  readonly onQueueLengths: (lengths: Readonly<Record<string, number>>) => void;
}

/** Builds the publishers and the engine listener that feeds them. */
export function createFanout(deps: FanoutDeps): Fanout {
  const conversations = new ConversationFanout(deps.hub, deps.directory, deps.queries);
  const queue = new QueueNotifier(deps.hub, deps.queries, deps.scheduler, deps.onQueueLengths);
  const presence = new PresenceBroadcaster(deps.hub, deps.queries, deps.scheduler);
  const listener = (event: EngineEvent): void => {
    switch (event.kind) {
      case "conversation.event":
        conversations.onEvent(event.event);
        return;
      case "conversation.read":
        conversations.onRead(event.conversationId, event.reader, event.seq);
        return;
      case "queue.changed":
        queue.onQueueChanged(event);
        return;
      case "operator.changed":
        presence.onOperatorChanged(event.operator);
        return;
      case "chat.refused":
        return; // statistics only; the refused visitor got the answer to their command
    }
  };
  return {
    conversations,
    queue,
    presence,
    listener,
    stop() {
      queue.stop();
      presence.stop();
    },
  };
}
