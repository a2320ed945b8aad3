import { describe, expect, test } from "bun:test";
import { Drafts, type DraftStorage } from "./drafts";

class MemoryStorage implements DraftStorage {
  readonly map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

describe("drafts", () => {
  test("a draft survives a new Drafts instance (a reload) and is per operator and conversation", () => {
    const storage = new MemoryStorage();
    new Drafts(storage, "ann").save("c1", "half-written answer");
    expect(new Drafts(storage, "ann").load("c1")).toBe("half-written answer");
    expect(new Drafts(storage, "ann").load("c2")).toBe("");
    expect(new Drafts(storage, "bob").load("c1")).toBe("");
  });

  test("saving blank text or clearing removes the draft", () => {
    const storage = new MemoryStorage();
    const drafts = new Drafts(storage, "ann");
    drafts.save("c1", "x");
    drafts.save("c1", "   ");
    expect(storage.length).toBe(0);
    drafts.save("c1", "y");
    drafts.clear("c1");
    expect(drafts.load("c1")).toBe("");
  });

  test("drafts older than a week are pruned, others kept", () => {
    const storage = new MemoryStorage();
    let now = 0;
    const drafts = new Drafts(storage, "ann", () => now);
    drafts.save("old", "old text");
    now = 8 * 24 * 3600 * 1000;
    drafts.save("new", "new text");
    storage.setItem("parley.console.draft.ann.broken", "{not json");
    drafts.prune();
    expect(drafts.load("old")).toBe("");
    expect(drafts.load("new")).toBe("new text");
    expect(storage.getItem("parley.console.draft.ann.broken")).toBeNull();
  });

  test("a storage that throws (quota, privacy mode) never breaks the composer", () => {
    const throwing: DraftStorage = {
      length: 0,
      key: () => null,
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("quota");
      },
      removeItem: () => {
        throw new Error("denied");
      },
    };
    const drafts = new Drafts(throwing, "ann");
    expect(() => drafts.save("c1", "x")).not.toThrow();
    expect(drafts.load("c1")).toBe("");
  });
});
