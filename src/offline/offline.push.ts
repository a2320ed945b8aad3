/**
 * The live half of the offline-messages badge: when a visitor's offline message is stored, every
 * open console whose operator may see it gets an `offline` frame (docs/protocol.md) and refreshes
 * its count and list over REST. Structural types keep this free of the socket layer's classes.
 */
import type { OfflineMessageRow } from "../storage/repositories/offline-messages.repository";
import { inOfflineScope, offlineScope, type OfflineViewer } from "./offline.access";

/** An open operator socket, as the operator registry yields it. */
export interface OfflinePushTarget {
  readonly principal: OfflineViewer;
  readonly connection: { send(frame: object): void };
}

/** Sends the `offline` frame to each ready operator socket in the message's scope; returns how many got it. */
export function pushOfflineMessage(registry: { sessions(): Iterable<OfflinePushTarget> }, row: OfflineMessageRow): number {
  const frame = { type: "offline", id: row.id, department: row.departmentId, at: row.createdAt } as const;
  let sent = 0;
  for (const session of registry.sessions()) {
    if (!inOfflineScope(offlineScope(session.principal), row.departmentId)) continue;
    session.connection.send(frame);
    sent++;
  }
  return sent;
}
