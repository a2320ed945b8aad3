import { describe, expect, test } from "bun:test";
import { emptyState, type ConsoleState, type OperatorPresence } from "./console.model";
import { chatPatch, presencePatch } from "./team.reducer";

const me = { id: "op_me", name: "Me", role: "operator", status: "connected", departments: [], permissions: {} };
const op = (id: string, status = "connected"): OperatorPresence => ({ id, name: id, status, presence: "online", activeConversations: 0, capacity: 3 });
const signedIn = (operators: OperatorPresence[] = []): ConsoleState => ({ ...emptyState(), me, operators: new Map(operators.map((o) => [o.id, o])) });

describe("team reducer", () => {
  test("a full presence list drops colleagues who left and keeps me", () => {
    const state = signedIn([op("op_me"), op("op_ann"), op("op_bob")]);
    const { operators } = presencePatch(state, { type: "presence", full: true, operators: [op("op_bob", "phone")] });
    expect([...operators.keys()].sort()).toEqual(["op_bob", "op_me"]);
    expect(operators.get("op_bob")?.status).toBe("phone");
  });

  test("a partial list updates only who changed, and my own status with it", () => {
    const state = signedIn([op("op_me"), op("op_ann")]);
    const patch = presencePatch(state, { type: "presence", full: false, operators: [op("op_me", "break")] });
    expect([...patch.operators.keys()].sort()).toEqual(["op_ann", "op_me"]);
    expect(patch.me?.status).toBe("break");
  });

  test("my capacity follows my presence entry (another tab lowered it, or the ceiling changed)", () => {
    const state = signedIn([op("op_me")]);
    const patch = presencePatch(state, { type: "presence", full: false, operators: [{ ...op("op_me"), capacity: 1, maxCapacity: 3 }] });
    expect(patch.me).toMatchObject({ capacity: 1, maxCapacity: 3 });
  });

  test("a colleague's line is unread in their thread; my own line from another tab is not, and a repeat is ignored", () => {
    const state = signedIn();
    const theirs = chatPatch(state, { type: "op.message", id: "m1", from: { id: "op_bob", name: "Bob" }, to: "op_me", text: "lunch?", at: 1 })!;
    expect(theirs.line.mine).toBe(false);
    expect(theirs.patch.chatUnread.get("op_bob")).toBe(1);
    const after = { ...state, ...theirs.patch };
    const mine = chatPatch(after, { type: "op.message", id: "m2", from: { id: "op_me", name: "Me" }, to: "op_bob", text: "yes", at: 2 })!;
    expect(mine.line.mine).toBe(true);
    expect(mine.patch.chats.get("op_bob")?.map((l) => l.text)).toEqual(["lunch?", "yes"]);
    expect(mine.patch.chatUnread.get("op_bob")).toBe(1);
    expect(chatPatch({ ...after, ...mine.patch }, { type: "op.message", id: "m2", from: { id: "op_me", name: "Me" }, to: "op_bob", text: "yes", at: 2 })).toBeNull();
  });
});
