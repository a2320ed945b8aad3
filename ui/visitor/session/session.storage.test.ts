import { describe, expect, test } from "bun:test";
import { SessionStorage, storageKey, type KeyValueStorage } from "./session.storage";

class MapStorage implements KeyValueStorage {
  readonly map = new Map<string, string>();
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
}

const SERVER = "https://chat.example.com";

describe("what the widget remembers on the device", () => {
  test("survives a reload: a new instance reads what the previous one wrote, per server", () => {
    const storage = new MapStorage();
    new SessionStorage(SERVER, storage).update({ token: "t", conversationId: "c1", seenSeq: 4 });
    expect(new SessionStorage(SERVER, storage).get()).toEqual({ token: "t", conversationId: "c1", seenSeq: 4 });
    expect(new SessionStorage("https://other.example", storage).get()).toEqual({});
    expect([...storage.map.keys()]).toEqual([storageKey(SERVER)]);
  });

  test("forgetting the conversation keeps the visitor", () => {
    const s = new SessionStorage(SERVER, new MapStorage());
    s.update({ token: "t", visitorId: "v", conversationId: "c1", seenSeq: 3, draft: "hi", questionnaireDone: "c1" });
    s.forgetConversation();
    expect(s.get()).toEqual({ token: "t", visitorId: "v" });
  });

  test("corrupt or blocked storage never breaks the widget: it works from memory", () => {
    const corrupt = new MapStorage();
    corrupt.setItem(storageKey(SERVER), "{not json");
    expect(new SessionStorage(SERVER, corrupt).get()).toEqual({});
    const blocked: KeyValueStorage = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
      removeItem: () => {},
    };
    const s = new SessionStorage(SERVER, blocked);
    s.update({ token: "t" });
    expect(s.get()).toEqual({ token: "t" });
  });
});
