/**
 * One operator connection: which conversations it follows (assigned to the operator, or watched),
 * what it is subscribed to (own topic, departments, presence), and how it reacts to the hub — a
 * conversation newly assigned to the operator is followed at once with its history; one handed to
 * someone else (or ended) stops being followed unless watched. Commands live in operator.commands.ts.
 */
import { canMonitor, hasPermission } from "../../auth/authorization.policy";
import type { OperatorPrincipal } from "../../auth/principal.model";
import type { Actor } from "../../core/conversation/conversation.events";
import { AppError } from "../../core/errors";
import { GENERAL_QUEUE } from "../../core/queue/queue.model";
import { staffView, staffViewOf, visibleToStaff } from "../../realtime/conversation-views";
import type { HubMessage } from "../../realtime/hub";
import { Topics } from "../../realtime/topics";
import type { Connection } from "./connection";
import type { OperatorRegistry } from "./operator-registry";
import { CLOSE_CODES, type EventFrameT, type StaffConversationViewT } from "./protocol";
import type { RealtimeDeps } from "./realtime.deps";
import { followWithReplay, type Replay } from "./replay";

/** State and hub reactions of one operator socket. */
export class OperatorSession {
  /** Conversations followed on purpose (not because they are assigned to me). */
  readonly watched = new Set<string>();
  /** `hello` done: subscribed and snapshot sent. */
  ready = false;
  private queueCount = -1;

  constructor(
    readonly connection: Connection,
    readonly deps: RealtimeDeps,
    /** Re-read on every session check, so permission and department changes of a reload apply. */
    public principal: OperatorPrincipal,
    /** The session cookie's token, re-validated periodically. */
    readonly sessionToken: string,
    readonly registry: OperatorRegistry,
  ) {
    connection.onReceive = (message) => this.onHubMessage(message);
  }

  /** The engine actor of this operator. */
  get actor(): Extract<Actor, { kind: "operator" }> {
    return { kind: "operator", id: this.principal.id, role: this.principal.role };
  }

  /** Topics every operator socket listens to once ready. */
  topics(): string[] {
    const p = this.principal;
    const departments = canMonitor(p) ? this.deps.config().departments.map((d) => d.id) : p.departments;
    const topics = [Topics.operator(p.id), Topics.department(null), ...departments.map((d) => Topics.department(d))];
    if (hasPermission(p, "listOnlineOperators")) topics.push(Topics.presence);
    return topics;
  }

  /** The staff view of a conversation I may see, or `conversation.not_found`. */
  requireVisible(conversationId: string): StaffConversationViewT {
    const c = visibleToStaff(this.deps.engine, this.principal, conversationId);
    return staffViewOf(c, this.deps.engine.queuePosition(conversationId));
  }

  /**
   * Follow a conversation and return its replay (frames not yet sent). `exact` trusts the client's
   * `afterSeq` (hello, watch); otherwise what this connection already delivered is skipped.
   */
  follow(conversationId: string, afterSeq: number, exact: boolean): Replay | null {
    const { engine, directory } = this.deps;
    return followWithReplay(this.connection, conversationId, afterSeq, (after) => engine.history(conversationId, this.actor, { afterSeq: after }), directory, { exact });
  }

  /** Follow a conversation now: its summary, then its events, then live. */
  followAndSend(view: StaffConversationViewT, afterSeq: number, exact: boolean): void {
    if (exact) this.connection.unfollow(view.id);
    const replay = this.follow(view.id, afterSeq, exact);
    this.connection.send({ type: "conversation", conversation: view });
    if (!replay) return;
    for (const frame of replay.frames) this.connection.send(frame);
    replay.goLive();
  }

  /** The snapshot's conversation entries: every conversation assigned to me, and those the client asks to resume. */
  resume(lastSeqs: Readonly<Record<string, number>>): { conversation: StaffConversationViewT; events: EventFrameT[]; replay: Replay | null }[] {
    const ids = new Set(this.deps.engine.conversationsOf(this.principal.id).map((c) => c.id));
    for (const id of Object.keys(lastSeqs)) {
      if (ids.has(id)) continue;
      try {
        this.requireVisible(id);
        ids.add(id);
        this.watched.add(id);
      } catch {
        // no longer visible (transferred away, removed): the client drops it
      }
    }
    const out = [];
    for (const id of ids) {
      const view = staffView(this.deps.engine, id);
      if (!view) continue;
      this.connection.unfollow(id);
      const replay = this.follow(id, lastSeqs[id] ?? 0, true);
      out.push({ conversation: view, events: replay?.frames ?? [], replay });
    }
    return out;
  }

  /** Waiting conversations in my scope, from the queue lengths by queue key. */
  queueCountOf(lengths: Readonly<Record<string, number>>): number {
    const p = this.principal;
    const all = canMonitor(p);
    let count = 0;
    for (const [key, n] of Object.entries(lengths)) {
      if (key === GENERAL_QUEUE || all) count += n;
      else if (key.startsWith("department:") && p.departments.includes(key.slice("department:".length))) count += n;
      else if (key.startsWith("operators:") && key.slice("operators:".length).split(",").includes(p.id)) count += n;
    }
    return count;
  }

  /** New queue lengths: send my count if it changed. */
  updateQueue(lengths: Readonly<Record<string, number>>): void {
    if (!this.ready) return;
    const count = this.queueCountOf(lengths);
    if (count === this.queueCount) return;
    this.queueCount = count;
    this.connection.send({ type: "queue", count });
  }

  /** Remember the count the snapshot carried. */
  setQueueCount(count: number): void {
    this.queueCount = count;
  }

  /** The session may have been revoked or expired: close the socket if so. */
  checkSession(): void {
    try {
      this.principal = this.deps.auth.sessions.authenticate(this.sessionToken).principal;
    } catch (error) {
      const reason = error instanceof AppError ? error.message : "session ended";
      this.connection.send({ type: "error", code: "auth.session_expired", message: reason });
      this.connection.close(CLOSE_CODES.unauthorized, "session ended");
    }
  }

  private onHubMessage(message: HubMessage): void {
    const frame = message.frames.staff as { type?: string; conversation?: StaffConversationViewT } | null;
    if (frame?.type !== "conversation" || !frame.conversation) return;
    const view = frame.conversation;
    const mine = view.operatorId === this.principal.id && view.state === "active";
    if (mine && !this.connection.follows(view.id)) {
      const replay = this.follow(view.id, 0, false);
      if (!replay) return;
      for (const f of replay.frames) this.connection.send(f);
      replay.goLive();
    } else if (!mine && this.connection.follows(view.id) && !this.watched.has(view.id)) {
      this.connection.unfollow(view.id);
    }
  }
}
