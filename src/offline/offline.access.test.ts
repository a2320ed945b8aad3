import { describe, expect, test } from "bun:test";
import type { OfflineMessageRow } from "../storage/repositories/offline-messages.repository";
import { inOfflineScope, offlineScope } from "./offline.access";
import { pushOfflineMessage, type OfflinePushTarget } from "./offline.push";

const row = (departmentId: string | null): OfflineMessageRow => ({
  id: `off-${departmentId ?? "none"}`, visitorId: null, name: "Vera", email: "vera@mail.example", message: "Call me", departmentId, pageUrl: null, reason: null, createdAt: 1_000, handledAt: null, handledBy: null,
});

describe("who sees an offline message", () => {
  test("an operator sees their departments' messages and those without department, not the others", () => {
    const scope = offlineScope({ role: "operator", departments: ["support"] });
    expect(inOfflineScope(scope, "support")).toBe(true);
    expect(inOfflineScope(scope, null)).toBe(true);
    expect(inOfflineScope(scope, "sales")).toBe(false);
  });

  test("supervisors, and operators serving every department (none listed), see everything", () => {
    expect(offlineScope({ role: "manager", departments: ["sales"] })).toBe("all");
    expect(offlineScope({ role: "admin", departments: [] })).toBe("all");
    expect(offlineScope({ role: "operator", departments: [] })).toBe("all");
  });
});

describe("the live offline frame", () => {
  test("goes to every open console in the message's scope, and only those", () => {
    const sent: Record<string, object[]> = { olga: [], sam: [], mia: [] };
    const socket = (id: string, role: "operator" | "manager", departments: string[]): OfflinePushTarget => ({ principal: { role, departments }, connection: { send: (f) => void sent[id]!.push(f) } });
    const registry = { sessions: () => [socket("olga", "operator", ["support"]), socket("sam", "operator", ["sales"]), socket("mia", "manager", ["sales"])] };
    expect(pushOfflineMessage(registry, row("support"))).toBe(2);
    expect(sent.olga).toEqual([{ type: "offline", id: "off-support", department: "support", at: 1_000 }]);
    expect(sent.sam).toEqual([]);
    expect(sent.mia).toHaveLength(1);
  });
});
