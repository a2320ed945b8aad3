/**
 * Following a conversation with a gap-free, duplicate-free replay (see conversation-feed.ts for the
 * algorithm): subscribe first, read what was missed from the store, hand those frames to the
 * caller to send (inside a snapshot or one by one), then go live.
 */
import type { AnyStoredEvent } from "../../core/conversation/conversation.events";
import { eventFrameFor, type OperatorDirectory } from "../../realtime/event-view";
import type { Connection } from "./connection";
import type { EventFrameT } from "./protocol";

/** A replay in progress: send `frames`, then call `goLive()`. */
export interface Replay {
  readonly frames: EventFrameT[];
  goLive(): void;
}

/**
 * Starts following `conversationId` after `afterSeq`, reading missed events with `load`. Returns null
 * when the connection already follows it. If `load` throws (not allowed, not found) the follow is undone.
 * `exact` replays strictly after `afterSeq` (a client's own resume point), ignoring what this
 * connection delivered before.
 */
export function followWithReplay(
  connection: Connection,
  conversationId: string,
  afterSeq: number,
  load: (afterSeq: number) => readonly AnyStoredEvent[],
  directory: OperatorDirectory,
  options: { readonly exact?: boolean } = {},
): Replay | null {
  const start = connection.beginFollow(conversationId, afterSeq, options.exact);
  if (start === null) return null;
  let events: readonly AnyStoredEvent[];
  try {
    events = load(start);
  } catch (error) {
    connection.unfollow(conversationId);
    throw error;
  }
  const frames: EventFrameT[] = [];
  for (const e of events) {
    const frame = eventFrameFor(e, connection.audience, directory);
    if (frame) frames.push(frame);
  }
  const last = events.at(-1);
  if (last) connection.markReplayed(conversationId, last.seq);
  return { frames, goLive: () => connection.goLive(conversationId) };
}
