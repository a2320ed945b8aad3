/**
 * "Request manager assistance": the operator's request is written into the conversation as an
 * internal note (so it is part of the record, seen by whoever opens it) and pushed to every
 * manager and admin as an `assistance` frame; a manager's console alerts them and lets them open
 * the conversation and step in.
 */
import { assertPermission } from "../auth/authorization.policy";
import type { OperatorPrincipal } from "../auth/principal.model";
import type { Config } from "../config/schema";
import type { Clock, IdGenerator } from "../core/clock";
import type { Engine } from "../core/engine";
import { AppError } from "../core/errors";
import { staffView, visibleToStaff } from "../realtime/conversation-views";
import { operatorRef, type OperatorDirectory } from "../realtime/event-view";
import { HubMessage, type Hub } from "../realtime/hub";
import { Topics } from "../realtime/topics";
import type { AssistanceFrameT } from "../transport/ws/protocol";

/** What the service needs. */
export interface AssistanceServiceDeps {
  readonly engine: Engine;
  readonly hub: Pick<Hub, "publishToTopics" | "subscriberCount">;
  readonly directory: OperatorDirectory;
  readonly config: () => Config;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** Sends assistance requests to the managers. */
export class AssistanceService {
  constructor(private readonly deps: AssistanceServiceDeps) {}

  /**
   * Records the request as a note and alerts the managers. Returns how many managers are online
   * to see it now. Permission `requestManagerHelp`; the conversation must be open.
   */
  request(principal: OperatorPrincipal, conversationId: string, message: string | null): { notified: number; seq: number } {
    assertPermission(principal, "requestManagerHelp");
    const { engine, hub, directory, config, clock, ids } = this.deps;
    const conversation = visibleToStaff(engine, principal, conversationId);
    if (conversation.state === "ended") throw new AppError("conversation.ended", "This conversation has ended; there is nothing left to help with.");
    const text = message ? `Manager assistance requested: ${message}` : "Manager assistance requested.";
    const note = engine.addNote(conversationId, { kind: "operator", id: principal.id, role: principal.role }, { text, clientId: ids.next("assist") });
    const managers = config().operators.filter((o) => o.role !== "operator" && o.id !== principal.id);
    const frame: AssistanceFrameT = { type: "assistance", conversation: staffView(engine, conversationId)!, from: operatorRef(directory, principal.id), message, at: clock.now() };
    hub.publishToTopics(managers.map((m) => Topics.operator(m.id)), new HubMessage({ visitor: null, staff: frame }));
    const notified = managers.filter((m) => hub.subscriberCount(Topics.operator(m.id)) > 0).length;
    return { notified, seq: note.seq };
  }
}
