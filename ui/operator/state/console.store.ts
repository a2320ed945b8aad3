/**
 * The console's single source of truth: it folds the operator socket's frames into a
 * `ConsoleState` and tells subscribers when it changed. It also raises alerts (a new conversation,
 * a conversation handed to me, a visitor's message in one of mine, a transfer offer, a colleague's
 * message, a new offline message) that the shell turns into a flash, a beep and a browser
 * notification. No DOM and no socket here, so it is unit-tested
 * frame by frame.
 */
import type { EventFrameT, OperatorServerFrameT, StaffConversationViewT } from "../../shared/protocol";
import { emptyState, type ConnectionState, type ConsoleState, type ConversationEntry, type OperatorChatLine, type PendingMessage } from "./console.model";
import { applyEvent, insertEvents, newEntry } from "./conversation.reducer";
import { isNewVisitorMessageForMe, mergeView, needsAttention, withEntry, withLine, withoutConversation } from "./store.helpers";
import { chatPatch, presencePatch } from "./team.reducer";
import { mergeLines } from "../team/team-chat.thread";

/** Something the operator should notice even when looking elsewhere. */
export type ConsoleAlert =
  | { readonly kind: "conversation"; readonly conversationId: string; readonly reason: "new" | "assigned" | "transferred" }
  | { readonly kind: "transfer"; readonly transferId: string; readonly conversationId: string; readonly fromName: string }
  | { readonly kind: "chat"; readonly fromId: string; readonly fromName: string; readonly text: string }
  | { readonly kind: "assistance"; readonly conversationId: string; readonly fromName: string; readonly message: string | null }
  | { readonly kind: "message"; readonly conversationId: string; readonly text: string; readonly open: boolean }
  | { readonly kind: "offline"; readonly id: string; readonly department: string | null };

type Listener = () => void;
type AlertListener = (alert: ConsoleAlert) => void;

/** Holds the state and applies frames to it. */
export class ConsoleStore {
  private current: ConsoleState = emptyState();
  private readonly listeners = new Set<Listener>();
  private readonly alertListeners = new Set<AlertListener>();
  /** Conversations I took myself (accept, /a): their assignment is no surprise and raises no alert. */
  private readonly selfTaken = new Set<string>();

  /** The current state (a new object after every change). */
  get state(): ConsoleState {
    return this.current;
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Calls `listener` for every alert; returns the unsubscribe function. */
  onAlert(listener: AlertListener): () => void {
    this.alertListeners.add(listener);
    return () => this.alertListeners.delete(listener);
  }

  /** The entry of a conversation, if held. */
  entry(conversationId: string): ConversationEntry | undefined {
    return this.current.conversations.get(conversationId);
  }

  /** Folds one server frame into the state. Acks, errors and pongs are the connection's business. */
  apply(frame: OperatorServerFrameT): void {
    switch (frame.type) {
      case "snapshot":
        return this.applySnapshot(frame);
      case "conversation":
        return this.upsertView(frame.conversation);
      case "event":
        return this.applyEventFrame(frame);
      case "presence":
        return this.set(presencePatch(this.current, frame));
      case "queue":
        return this.set({ queueCount: frame.count });
      case "transfer":
        return this.applyOffer(frame);
      case "op.message":
        return this.applyChat(frame);
      case "op.unread":
        return this.set({ chatUnread: new Map(Object.entries(frame.counts)) });
      case "assistance":
        return this.applyAssistance(frame);
      case "offline":
        this.set({ offlineUnhandled: this.current.offlineUnhandled + 1 });
        return this.alert({ kind: "offline", id: frame.id, department: frame.department });
      case "conversation.removed": {
        // Its visitor was erased: the conversation no longer exists anywhere, so no tab may keep it.
        this.selfTaken.delete(frame.conversationId);
        const patch = withoutConversation(this.current, frame.conversationId);
        return patch ? this.set(patch) : undefined;
      }
      default:
        return;
    }
  }

  /** Shows the connection state in the header. */
  setConnection(connection: ConnectionState): void {
    if (this.current.connection !== connection) this.set({ connection });
  }

  /** The unhandled offline messages counted over REST (sign-in, reconnection, after handling one). */
  setOfflineCount(count: number): void {
    if (this.current.offlineUnhandled !== count) this.set({ offlineUnhandled: count });
  }

  /** Opens a conversation: it stops flashing. */
  select(conversationId: string | null): void {
    const next: Partial<Mutable<ConsoleState>> = { selectedId: conversationId };
    if (conversationId) {
      const entry = this.current.conversations.get(conversationId);
      if (entry?.attention) next.conversations = withEntry(this.current.conversations, conversationId, { ...entry, attention: false });
    }
    this.set(next);
  }

  /** Remembers that I am taking this conversation myself, so its assignment raises no alert. */
  noteSelfTaken(conversationId: string): void {
    this.selfTaken.add(conversationId);
  }

  /** Shows my message at once, before the server acknowledges it. */
  addPending(conversationId: string, pending: PendingMessage): void {
    this.patchEntry(conversationId, (e) => ({ ...e, pending: [...e.pending.filter((p) => p.clientId !== pending.clientId), pending] }));
  }

  /** Marks my message as refused (`error`) or, with `error` null, drops it. */
  settlePending(conversationId: string, clientId: string, error: string | null): void {
    this.patchEntry(conversationId, (e) => ({
      ...e,
      pending: error === null ? e.pending.filter((p) => p.clientId !== clientId) : e.pending.map((p) => (p.clientId === clientId ? { ...p, error } : p)),
    }));
  }

  /** The server acknowledged my message: it is stored (its event may follow). */
  ackPending(conversationId: string, clientId: string, seq: number | undefined): void {
    this.patchEntry(conversationId, (e) => {
      if (seq !== undefined && e.events.some((f) => f.seq === seq)) return { ...e, pending: e.pending.filter((p) => p.clientId !== clientId) };
      return { ...e, pending: e.pending.map((p) => (p.clientId === clientId ? { ...p, ackedSeq: seq ?? 0, error: null } : p)) };
    });
  }

  /** Records my own read receipt at once (the server echoes it later). */
  markReadLocally(conversationId: string, seq: number): void {
    this.patchEntry(conversationId, (e) => (e.view.operatorReadSeq >= seq ? e : { ...e, view: { ...e.view, operatorReadSeq: seq } }));
  }

  /** Adds older events fetched from the history API. */
  prependHistory(conversationId: string, events: readonly EventFrameT[], complete: boolean): void {
    this.patchEntry(conversationId, (e) => {
      const merged = insertEvents(e.events, events);
      const oldest = merged[0]?.seq ?? e.historyFrom;
      return { ...e, events: merged, historyFrom: complete ? 0 : Math.min(e.historyFrom, oldest) };
    });
  }

  /** Adds a conversation fetched over REST (history, the Done filter). Live data wins over it. */
  addFetched(view: StaffConversationViewT, events: readonly EventFrameT[] = []): void {
    const existing = this.current.conversations.get(view.id);
    if (existing) return void (events.length && this.prependHistory(view.id, events, false));
    const entry = { ...newEntry(view), events: insertEvents([], events) };
    this.set({ conversations: withEntry(this.current.conversations, view.id, entry) });
  }

  /**
   * Brings the open conversations in line with the API's list of everything I may see now (after
   * sign-in and every reconnection): views refreshed, new ones added quietly, open ones no longer in
   * my scope dropped — unless on screen, or the list was cut short (`complete` false).
   */
  reconcile(open: readonly StaffConversationViewT[], complete: boolean): void {
    const conversations = new Map(this.current.conversations);
    const listed = new Set(open.map((v) => v.id));
    for (const view of open) {
      const known = conversations.get(view.id);
      conversations.set(view.id, known ? { ...known, view: mergeView(known.view, view) } : newEntry(view));
    }
    if (complete) {
      for (const [id, entry] of conversations) {
        if (!listed.has(id) && entry.view.state !== "ended" && id !== this.current.selectedId) conversations.delete(id);
      }
    }
    this.set({ conversations });
  }

  /** Drops a conversation from the console (closed tab of an ended conversation). */
  forget(conversationId: string): void {
    if (!this.current.conversations.has(conversationId)) return;
    const conversations = new Map(this.current.conversations);
    conversations.delete(conversationId);
    this.set({ conversations, selectedId: this.current.selectedId === conversationId ? null : this.current.selectedId });
  }

  /** Removes a transfer offer once answered. */
  removeOffer(transferId: string): void {
    if (!this.current.offers.has(transferId)) return;
    const offers = new Map(this.current.offers);
    offers.delete(transferId);
    this.set({ offers });
  }

  /** A help request was handled (opened or dismissed). */
  dismissAssistance(conversationId: string): void {
    if (!this.current.assistance.has(conversationId)) return;
    const assistance = new Map(this.current.assistance);
    assistance.delete(conversationId);
    this.set({ assistance });
  }

  /** Adds a line I wrote to a colleague (the server does not echo it back to me). */
  addOwnChat(toOperatorId: string, line: OperatorChatLine): void {
    this.set({ chats: withLine(this.current.chats, toOperatorId, line) });
  }

  /** Lines of a colleague's thread fetched from the server, merged with those already held. */
  addChatHistory(operatorId: string, lines: readonly OperatorChatLine[]): void {
    const chats = new Map(this.current.chats);
    chats.set(operatorId, mergeLines(this.current.chats.get(operatorId) ?? [], lines));
    this.set({ chats });
  }

  /** The colleague's thread is open: its unread count resets. */
  markChatRead(operatorId: string): void {
    if (!this.current.chatUnread.get(operatorId)) return;
    const chatUnread = new Map(this.current.chatUnread);
    chatUnread.delete(operatorId);
    this.set({ chatUnread });
  }

  // ── frames ──────────────────────────────────────────────────────────────────────────────────
  private applySnapshot(frame: Extract<OperatorServerFrameT, { type: "snapshot" }>): void {
    // The snapshot lists my conversations (and those I resume); the others I hold stay until
    // `reconcile` (the REST list of everything I may see) says they left my scope.
    const conversations = new Map(this.current.conversations);
    const fresh: string[] = [];
    for (const { conversation, events } of frame.conversations) {
      const known = this.current.conversations.get(conversation.id);
      if (!known && this.current.me) fresh.push(conversation.id);
      const base = known ? { ...known, view: conversation } : newEntry(conversation);
      let entry: ConversationEntry = { ...base, events: insertEvents(base.events, events) };
      if (!known) entry = { ...entry, attention: this.current.me !== null && needsAttention(conversation, frame.operator.id) };
      conversations.set(conversation.id, entry);
    }
    const operators = new Map(this.current.operators);
    const self = operators.get(frame.operator.id);
    if (self) operators.set(self.id, { ...self, status: frame.operator.status });
    const selectedId = this.current.selectedId && conversations.has(this.current.selectedId) ? this.current.selectedId : null;
    this.set({ me: frame.operator, conversations, queueCount: frame.queue.count, operators, selectedId });
    for (const id of fresh) if (this.current.conversations.get(id)?.attention) this.alert({ kind: "conversation", conversationId: id, reason: "new" });
  }

  private upsertView(view: StaffConversationViewT): void {
    const known = this.current.conversations.get(view.id);
    const me = this.current.me?.id ?? null;
    if (!known) {
      const attention = needsAttention(view, me) && !this.selfTaken.has(view.id);
      this.set({ conversations: withEntry(this.current.conversations, view.id, { ...newEntry(view), attention }) });
      if (attention) this.alert({ kind: "conversation", conversationId: view.id, reason: "new" });
      return;
    }
    const becameMine = me !== null && known.view.operatorId !== me && view.operatorId === me && view.state === "active";
    const surprise = becameMine && !this.selfTaken.has(view.id);
    if (becameMine) this.selfTaken.delete(view.id);
    const attention = known.attention || (surprise && this.current.selectedId !== view.id);
    this.set({ conversations: withEntry(this.current.conversations, view.id, { ...known, view: mergeView(known.view, view), attention }) });
    if (surprise) this.alert({ kind: "conversation", conversationId: view.id, reason: known.transfer ? "transferred" : "assigned" });
  }

  private applyEventFrame(frame: EventFrameT): void {
    const known = this.current.conversations.get(frame.conversationId);
    if (!known) return;
    const me = this.current.me?.id ?? null;
    const next = applyEvent(known, frame, me, this.current.selectedId === frame.conversationId);
    if (next === known) return;
    this.set({ conversations: withEntry(this.current.conversations, frame.conversationId, next) });
    if (frame.event.type === "message" && isNewVisitorMessageForMe(known, frame, me)) {
      this.alert({ kind: "message", conversationId: frame.conversationId, text: frame.event.text ?? frame.event.file?.name ?? "", open: this.current.selectedId === frame.conversationId });
    }
    const handedToMe = me !== null && known.view.operatorId !== me && next.view.operatorId === me;
    if (handedToMe && frame.event.type === "conversation.transferred") {
      const surprise = !this.selfTaken.delete(frame.conversationId);
      if (surprise) this.alert({ kind: "conversation", conversationId: frame.conversationId, reason: "transferred" });
    }
  }

  private applyOffer(frame: Extract<OperatorServerFrameT, { type: "transfer" }>): void {
    const offers = new Map(this.current.offers);
    offers.set(frame.transferId, { transferId: frame.transferId, conversation: frame.conversation, from: frame.from, message: frame.message, expiresAt: frame.expiresAt });
    this.set({ offers });
    this.alert({ kind: "transfer", transferId: frame.transferId, conversationId: frame.conversation.id, fromName: frame.from.name });
  }

  private applyAssistance(frame: Extract<OperatorServerFrameT, { type: "assistance" }>): void {
    const view = frame.conversation;
    const known = this.current.conversations.get(view.id);
    const entry = known ? { ...known, view: mergeView(known.view, view), attention: true } : { ...newEntry(view), attention: true };
    const assistance = new Map(this.current.assistance);
    assistance.set(view.id, { conversationId: view.id, from: frame.from, message: frame.message, at: frame.at });
    this.set({ conversations: withEntry(this.current.conversations, view.id, entry), assistance });
    this.alert({ kind: "assistance", conversationId: view.id, fromName: frame.from.name, message: frame.message });
  }

  private applyChat(frame: Extract<OperatorServerFrameT, { type: "op.message" }>): void {
    const next = chatPatch(this.current, frame);
    if (!next) return;
    this.set(next.patch);
    if (!next.line.mine) this.alert({ kind: "chat", fromId: frame.from.id, fromName: frame.from.name, text: frame.text });
  }

  // ── plumbing ────────────────────────────────────────────────────────────────────────────────
  private patchEntry(conversationId: string, patch: (entry: ConversationEntry) => ConversationEntry): void {
    const known = this.current.conversations.get(conversationId);
    if (!known) return;
    const next = patch(known);
    if (next !== known) this.set({ conversations: withEntry(this.current.conversations, conversationId, next) });
  }

  private set(patch: Partial<ConsoleState>): void {
    this.current = { ...this.current, ...patch };
    for (const listener of [...this.listeners]) listener();
  }

  private alert(alert: ConsoleAlert): void {
    for (const listener of [...this.alertListeners]) listener(alert);
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
