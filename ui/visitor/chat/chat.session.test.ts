import { beforeEach, describe, expect, test } from "bun:test";
import type { WidgetConfig } from "../../../src/transport/http/widget-config.routes";
import type { WebSocketLike } from "../../shared/socket.controller";
import type { ServerClient } from "../session/server.client";
import { SessionStorage, type KeyValueStorage } from "../session/session.storage";
import type { WidgetEventMap, WidgetEventName } from "../widget.contract";
import { ChatSession } from "./chat.session";

/** A socket the test answers by hand. */
class FakeSocket implements WebSocketLike {
  readyState = 0;
  sent: Record<string, any>[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  frame(f: Record<string, unknown>) {
    this.onmessage?.({ data: JSON.stringify(f) });
  }
}

class MapStorage implements KeyValueStorage {
  map = new Map<string, string>();
  getItem = (k: string) => this.map.get(k) ?? null;
  setItem = (k: string, v: string) => void this.map.set(k, v);
  removeItem = (k: string) => void this.map.delete(k);
}

const SERVER = "https://chat.example.com";
const CONFIG = { availability: { open: true, reason: null, message: null, nextOpeningAt: null }, questionnaires: [], primaryColor: "#1f5fbf" } as unknown as WidgetConfig;
const PULSE = { id: "pulse", when: "manual", title: "How are we doing?", allowCloseWithoutAnswer: true, questions: [] };
const WITH_PULSE = { ...CONFIG, questionnaires: [PULSE] } as unknown as WidgetConfig;
const olgaEvent = (seq: number, event: Record<string, unknown>) => ({ type: "event", conversationId: "c1", seq, event: { at: seq, ...event } });
const fileRequest = (seq: number) => olgaEvent(seq, { type: "file.requested", operator: { id: "olga", name: "Olga" }, message: "the receipt" });
const offer = (seq: number, questionnaireId = "pulse") => olgaEvent(seq, { type: "questionnaire.offered", questionnaireId, operator: { id: "olga", name: "Olga" } });
const message = (seq: number, text: string, conversationId = "c1") => ({
  type: "event",
  conversationId,
  seq,
  event: { type: "message", at: seq, sender: { kind: "operator", id: "olga", name: "Olga" }, text, file: null, clientId: null },
});

let storage: MapStorage;
let sockets: FakeSocket[];
let emitted: [WidgetEventName, unknown][];
let bootstraps: (string | undefined)[];

let configLoads: number;
let clock: number;

function session(config: WidgetConfig = CONFIG): ChatSession {
  const server = {
    socketUrl: "wss://chat.example.com/ws/visitor",
    config: async () => (configLoads++, config),
    bootstrap: async (token: string | undefined) => {
      bootstraps.push(token);
      return { token: token ?? "tok-1", visitor: { id: "v1", name: null, email: null, verified: false } };
    },
  } as unknown as ServerClient;
  return new ChatSession({
    server,
    storage: new SessionStorage(SERVER, storage),
    user: () => ({}),
    emit: <K extends WidgetEventName>(event: K, detail: WidgetEventMap[K]) => void emitted.push([event, detail]),
    language: () => "en",
    now: () => clock,
    socket: {
      createSocket: () => {
        const s = new FakeSocket();
        sockets.push(s);
        return s;
      },
      network: { online: () => true, subscribe: () => () => {} },
      pingIntervalMs: 0,
    },
  });
}

beforeEach(() => {
  storage = new MapStorage();
  sockets = [];
  emitted = [];
  bootstraps = [];
  configLoads = 0;
  clock = 1_000_000;
});

const last = () => sockets[sockets.length - 1]!;
const snapshot = (events: unknown[]) => ({
  type: "snapshot",
  conversation: { id: "c1", state: "active", department: null, operator: { id: "olga", name: "Olga" }, createdAt: 1, endReason: null, lastSeq: events.length, operatorReadSeq: 0, queue: null },
  events,
});

describe("the visitor's session", () => {
  test("a returning visitor keeps their token and resumes their conversation; history is not announced again after a reload", async () => {
    const first = session();
    await first.activate();
    last().open();
    expect(last().sent[0]).toMatchObject({ type: "hello", token: "tok-1" });
    expect(last().sent[0]!.conversationId).toBeUndefined();
    last().frame(snapshot([]));
    last().frame(message(1, "Hello from Olga"));
    expect(emitted.filter(([e]) => e === "message").map(([, d]) => (d as { text: string }).text)).toEqual(["Hello from Olga"]);
    expect(first.unread).toBe(1);
    first.dispose();

    // The next page: same device storage.
    emitted = [];
    const second = session();
    await second.activate();
    expect(bootstraps).toEqual([undefined, "tok-1"]);
    last().open();
    expect(last().sent[0]).toMatchObject({ type: "hello", token: "tok-1", conversationId: "c1", lastSeq: 0 });
    last().frame(snapshot([message(1, "Hello from Olga")]));
    expect(second.view.items).toHaveLength(1);
    expect(second.unread).toBe(1);
    expect(emitted.filter(([e]) => e === "message")).toEqual([]);
    last().frame(message(2, "Are you there?"));
    expect(emitted.filter(([e]) => e === "message").map(([, d]) => (d as { text: string }).text)).toEqual(["Are you there?"]);
    expect(emitted.at(-1)).toEqual(["unread", { count: 2 }]);
  });

  test("seeing the conversation sends a read receipt and clears the unread count", async () => {
    const s = session();
    await s.activate();
    last().open();
    last().frame(snapshot([message(1, "one"), message(2, "two")]));
    expect(s.unread).toBe(2);
    s.setVisible(true);
    expect(s.unread).toBe(0);
    expect(last().sent.find((f) => f.type === "read")).toMatchObject({ seq: 2 });
    expect(emitted.at(-1)).toEqual(["unread", { count: 0 }]);
  });

  test("a conversation the server no longer knows is forgotten and the visitor starts afresh", async () => {
    new SessionStorage(SERVER, storage).update({ token: "tok-1", conversationId: "gone" });
    const s = session();
    await s.activate();
    last().open();
    const hello = last().sent[0]!;
    expect(hello.conversationId).toBe("gone");
    last().frame({ type: "error", id: hello.id, code: "conversation.not_found", message: "no conversation gone" });
    expect(new SessionStorage(SERVER, storage).get().conversationId).toBeUndefined();
    expect(s.screen).toBe("loading");
    await s.loadConfig();
    expect(s.screen).toBe("welcome");
  });

  test("opening the panel refreshes a configuration older than 20 s: availability follows the operators", async () => {
    const s = session();
    await s.loadConfig();
    s.refreshConfig();
    expect(configLoads).toBe(1);
    clock += 21_000;
    s.refreshConfig();
    expect(configLoads).toBe(2);
  });

  test("an ended conversation the visitor already left is not shown again", async () => {
    const s = session();
    await s.loadConfig();
    await s.activate();
    last().open();
    last().frame({ ...snapshot([message(1, "old", "old")]), conversation: { ...snapshot([]).conversation, id: "old", state: "ended", endReason: "visitor" } });
    last().frame(message(2, "late event of the old chat", "old"));
    expect(s.view.items).toEqual([]);
    expect(s.screen).toBe("welcome");
  });

  test("a file request or a questionnaire sent while the panel is closed raises the unread count, as a message does", async () => {
    const s = session(WITH_PULSE);
    await s.loadConfig();
    await s.activate();
    last().open();
    last().frame(snapshot([]));
    last().frame(fileRequest(1));
    expect(s.unread).toBe(1);
    expect(emitted.at(-1)).toEqual(["unread", { count: 1 }]);
    last().frame(offer(2));
    expect(s.unread).toBe(2);
    last().frame(offer(3, "unknown-to-this-widget"));
    expect(s.unread).toBe(2); // nothing the visitor could see
    s.setVisible(true);
    expect(s.unread).toBe(0);
    expect(last().sent.find((f) => f.type === "read")).toMatchObject({ seq: 3 });
  });

  test("a questionnaire the visitor dismissed stays closed after a reload, keeps its line, and opens again when sent again", async () => {
    const first = session(WITH_PULSE);
    await first.loadConfig();
    await first.activate();
    last().open();
    last().frame(snapshot([]));
    last().frame(offer(1));
    expect(first.view.offeredQuestionnaire).toBe("pulse");
    first.questionnaireDone("pulse");
    expect(first.view.offeredQuestionnaire).toBeNull();
    first.dispose();

    // The reload: the server replays the log, the offer with it.
    const second = session(WITH_PULSE);
    await second.loadConfig();
    await second.activate();
    last().open();
    last().frame(snapshot([offer(1)]));
    expect(second.view.offeredQuestionnaire).toBeNull();
    expect(second.view.items).toMatchObject([{ kind: "event", seq: 1, event: { type: "questionnaire.offered", questionnaireId: "pulse" } }]);

    // Olga sends it again: that is a new request, it opens.
    last().frame(offer(2));
    expect(second.view.offeredQuestionnaire).toBe("pulse");
  });

  test("a dismissal belongs to its conversation: the same questionnaire in the next conversation opens", async () => {
    const s = session(WITH_PULSE);
    await s.loadConfig();
    await s.activate();
    last().open();
    last().frame(snapshot([offer(1)]));
    s.questionnaireDone("pulse");
    expect(new SessionStorage(SERVER, storage).get().dismissedQuestionnaires).toEqual({ "c1 pulse": 1 });
    last().frame({ type: "event", conversationId: "c2", seq: 1, event: { at: 5, type: "conversation.created", department: null } });
    last().frame({ ...offer(2), conversationId: "c2" });
    expect(s.view.offeredQuestionnaire).toBe("pulse");
    expect(new SessionStorage(SERVER, storage).get().dismissedQuestionnaires).toBeUndefined();
  });
});
