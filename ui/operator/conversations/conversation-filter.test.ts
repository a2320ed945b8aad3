import { describe, expect, test } from "bun:test";
import { newEntry } from "../state/conversation.reducer";
import { applyEvent } from "../state/conversation.reducer";
import { T0, chatMessage, view } from "../state/console.fixtures";
import type { ConversationEntry } from "../state/console.model";
import { DEFAULT_FILTER, folderCounts, knownTags, visibleConversations, type ListFilter } from "./conversation-filter";

function entry(v: Parameters<typeof view>[0], visitorMessageAt?: number): ConversationEntry {
  const base = newEntry(view(v));
  return visitorMessageAt === undefined ? base : applyEvent(base, chatMessage(v.id, 1, "visitor", "hello", visitorMessageAt), "me", false);
}

const ids = (list: ConversationEntry[]) => list.map((e) => e.view.id);
const filter = (patch: Partial<ListFilter>): ListFilter => ({ ...DEFAULT_FILTER, ...patch });

describe("conversation list filters", () => {
  const all = [
    entry({ id: "unread", state: "active", operatorId: "me", lastMessageAt: T0 + 50 }, T0 + 50),
    entry({ id: "mine-read", state: "active", operatorId: "me", operatorReadSeq: 1, lastMessageAt: T0 + 40 }, T0 + 40),
    entry({ id: "bobs", state: "active", operatorId: "bob", department: "sales", tags: ["vip"], lastMessageAt: T0 + 30 }),
    entry({ id: "waiting", state: "waiting", priority: "urgent", department: "sales", lastMessageAt: T0 + 20 }),
    entry({ id: "done", state: "ended", lastMessageAt: T0 + 60, tags: ["vip", "billing"] }),
  ];

  test("folders: Unread, Unresolved, Done, All", () => {
    expect(ids(visibleConversations(all, filter({ folder: "unread" }), "me"))).toEqual(["unread"]);
    expect(ids(visibleConversations(all, filter({ folder: "unresolved" }), "me"))).toEqual(["unread", "mine-read", "bobs", "waiting"]);
    expect(ids(visibleConversations(all, filter({ folder: "done" }), "me"))).toEqual(["done"]);
    expect(visibleConversations(all, filter({ folder: "all" }), "me")).toHaveLength(5);
    expect(folderCounts(all)).toEqual({ unread: 1, unresolved: 4, done: 1, all: 5 });
  });

  test("assigned to me, department, priority, tag and search narrow the list", () => {
    expect(ids(visibleConversations(all, filter({ mine: true }), "me"))).toEqual(["unread", "mine-read"]);
    expect(ids(visibleConversations(all, filter({ department: "sales" }), "me"))).toEqual(["bobs", "waiting"]);
    expect(ids(visibleConversations(all, filter({ priority: "urgent" }), "me"))).toEqual(["waiting"]);
    expect(ids(visibleConversations(all, filter({ folder: "all", tag: "vip" }), "me"))).toEqual(["done", "bobs"]);
    expect(visibleConversations(all, filter({ search: "nobody" }), "me")).toEqual([]);
    expect(knownTags(all)).toEqual(["billing", "vip"]);
  });

  test("priority/SLA order: priority first, then the SLA due soonest, then the longest wait", () => {
    const list = [
      entry({ id: "normal-late", priority: "normal", slaDueAt: T0 + 500 }),
      entry({ id: "normal-soon", priority: "normal", slaDueAt: T0 + 100 }),
      entry({ id: "high", priority: "high" }),
      entry({ id: "normal-no-sla-old", priority: "normal", createdAt: T0 - 1000 }),
      entry({ id: "normal-no-sla-new", priority: "normal", createdAt: T0 }),
    ];
    expect(ids(visibleConversations(list, filter({ sort: "priority" }), "me"))).toEqual(["high", "normal-soon", "normal-late", "normal-no-sla-old", "normal-no-sla-new"]);
  });

  test("a conversation asking for attention is listed first", () => {
    const flashing = { ...entry({ id: "new", lastMessageAt: T0 }), attention: true };
    const list = [entry({ id: "recent", lastMessageAt: T0 + 1000 }), flashing];
    expect(ids(visibleConversations(list, DEFAULT_FILTER, "me"))).toEqual(["new", "recent"]);
  });
});
