import { beforeEach, describe, expect, test } from "bun:test";
import type { OperatorPrincipal } from "../auth/principal.model";
import { testConfig } from "../auth/auth.fixtures";
import { TokenBucketLimiter } from "../auth/rate-limiter";
import type { Config } from "../config/schema";
import { ManualClock, SequentialIds } from "../core/clock";
import { openDatabase, type OpenDatabase } from "../storage/db";
import { OperatorMessageRepository } from "../storage/repositories/operator-messages.repository";
import { TeamChatService } from "./team-chat.service";

let database: OpenDatabase;
let clock: ManualClock;
let config: Config;
let service: TeamChatService;

const principal = (id: string, operatorChat = true): OperatorPrincipal =>
  ({ kind: "operator", id, name: id, email: `${id}@example.com`, role: "operator", departments: [], permissions: { operatorChat } }) as unknown as OperatorPrincipal;
const mia = principal("mia");
const olga = principal("olga");

beforeEach(async () => {
  database = openDatabase(":memory:");
  clock = new ManualClock();
  config = await testConfig((raw) => (raw.conversations = { maxMessageLength: 20 }));
  const limiter = new TokenBucketLimiter(() => config.rateLimits.teamMessage, clock);
  service = new TeamChatService({ store: new OperatorMessageRepository(database.db), config: () => config, clock, ids: new SequentialIds(), limiter });
});

const rowCount = () => (database.sqlite.query("SELECT count(*) AS n FROM operator_messages").get() as { n: number }).n;

describe("sending", () => {
  test("past rateLimits.teamMessage a sender is refused with a retry delay until the bucket refills; invalid sends spend nothing", () => {
    config = { ...config, rateLimits: { ...config.rateLimits, teamMessage: { perMinute: 2 } } };
    const send = (who: OperatorPrincipal, to: string, clientId: string, text = "hi") => () => service.send(who, { toOperatorId: to, text, clientId });
    expect(send(mia, "olga", "empty", " ")).toThrow(expect.objectContaining({ code: "request.invalid" }));
    send(mia, "olga", "c1")();
    send(mia, "olga", "c2")();
    expect(send(mia, "olga", "c3")).toThrow(expect.objectContaining({ code: "rate.limited", details: { retryAfterMs: 30_000 } }));
    expect(send(olga, "mia", "c1")).not.toThrow();
    clock.advance(30_000);
    expect(send(mia, "olga", "c3")).not.toThrow();
    expect(rowCount()).toBe(4);
  });

  test("a message is stored with its sender, recipient, time and trimmed text, unread", () => {
    const { message, duplicate } = service.send(mia, { toOperatorId: "olga", text: "  lunch?  ", clientId: "c1" });
    expect(duplicate).toBe(false);
    expect(message).toMatchObject({ senderId: "mia", recipientId: "olga", text: "lunch?", createdAt: clock.now(), readAt: null });
    expect(service.history("olga", "mia").items).toEqual([message]);
  });

  test("a retried command id returns the first message and stores nothing more", () => {
    const first = service.send(mia, { toOperatorId: "olga", text: "lunch?", clientId: "c1" });
    clock.advance(5000);
    const again = service.send(mia, { toOperatorId: "olga", text: "lunch?", clientId: "c1" });
    expect(again).toEqual({ message: first.message, duplicate: true });
    expect(rowCount()).toBe(1);
    expect(service.unread("olga")).toEqual({ mia: 1 });
  });

  test("the same command id from another sender is another message; reused for another colleague it is refused", () => {
    service.send(mia, { toOperatorId: "olga", text: "a", clientId: "c1" });
    expect(service.send(olga, { toOperatorId: "mia", text: "b", clientId: "c1" }).duplicate).toBe(false);
    expect(() => service.send(mia, { toOperatorId: "ada", text: "a", clientId: "c1" })).toThrow(expect.objectContaining({ code: "request.invalid" }));
  });

  test("refused without the operatorChat permission, to oneself, to an unknown operator, empty or too long", () => {
    const send = (who: OperatorPrincipal, to: string, text: string) => () => service.send(who, { toOperatorId: to, text, clientId: `c-${to}-${text.length}` });
    expect(send(principal("mia", false), "olga", "hi")).toThrow(expect.objectContaining({ code: "permission.disabled" }));
    expect(send(mia, "mia", "hi")).toThrow(expect.objectContaining({ code: "operator.not_found" }));
    expect(send(mia, "nobody", "hi")).toThrow(expect.objectContaining({ code: "operator.not_found" }));
    expect(send(mia, "olga", "   ")).toThrow(expect.objectContaining({ code: "request.invalid" }));
    expect(send(mia, "olga", "x".repeat(21))).toThrow(expect.objectContaining({ code: "request.too_large" }));
    expect(rowCount()).toBe(0);
  });

  test("a colleague whose role has team chat switched off cannot be written to (they could never read it)", () => {
    config = { ...config, permissions: { ...config.permissions, operator: { ...config.permissions.operator, operatorChat: false } } };
    expect(() => service.send(mia, { toOperatorId: "olga", text: "hi", clientId: "c1" })).toThrow(expect.objectContaining({ code: "permission.disabled" }));
    expect(rowCount()).toBe(0);
  });

  test("an operator removed from the configuration can no longer be written to, but the thread stays readable", () => {
    service.send(mia, { toOperatorId: "olga", text: "bye", clientId: "c1" });
    config = { ...config, operators: config.operators.filter((o) => o.id !== "olga") };
    expect(() => service.send(mia, { toOperatorId: "olga", text: "hello?", clientId: "c2" })).toThrow(expect.objectContaining({ code: "operator.not_found" }));
    expect(service.history("mia", "olga").items.map((m) => m.text)).toEqual(["bye"]);
  });
});

describe("threads", () => {
  test("a thread holds both directions, oldest first, and nobody else's lines", () => {
    service.send(mia, { toOperatorId: "olga", text: "one", clientId: "c1" });
    clock.advance(1000);
    service.send(olga, { toOperatorId: "mia", text: "two", clientId: "c2" });
    service.send(mia, { toOperatorId: "ada", text: "private", clientId: "c3" });
    expect(service.history("olga", "mia").items.map((m) => m.text)).toEqual(["one", "two"]);
    expect(service.history("mia", "olga").items.map((m) => m.text)).toEqual(["one", "two"]);
    expect(service.history("olga", "ada").items).toEqual([]);
  });

  test("pages go back in time without gaps or repeats, even for lines sent in the same millisecond", () => {
    for (let i = 1; i <= 7; i++) {
      service.send(i % 2 ? mia : olga, { toOperatorId: i % 2 ? "olga" : "mia", text: `m${i}`, clientId: `c${i}` });
      if (i % 3 === 0) clock.advance(1);
    }
    const seen: string[][] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = service.history("mia", "olga", { limit: 3, cursor });
      seen.push(page.items.map((m) => m.text));
      if (!page.olderCursor) break;
      cursor = page.olderCursor;
    }
    expect(seen).toEqual([["m5", "m6", "m7"], ["m2", "m3", "m4"], ["m1"]]);
  });

  test("a cursor the server did not issue and a thread with oneself are refused", () => {
    expect(() => service.history("mia", "olga", { cursor: "not-a-cursor" })).toThrow(expect.objectContaining({ code: "request.invalid" }));
    expect(() => service.history("mia", "mia")).toThrow(expect.objectContaining({ code: "operator.not_found" }));
  });
});

describe("unread", () => {
  test("counts by colleague until the thread is read; reading one thread leaves the other", () => {
    service.send(mia, { toOperatorId: "olga", text: "a", clientId: "c1" });
    service.send(mia, { toOperatorId: "olga", text: "b", clientId: "c2" });
    service.send(principal("ada"), { toOperatorId: "olga", text: "c", clientId: "c3" });
    service.send(olga, { toOperatorId: "mia", text: "mine", clientId: "c4" });
    expect(service.unread("olga")).toEqual({ mia: 2, ada: 1 });
    clock.advance(60_000);
    expect(service.markRead("olga", "mia")).toBe(2);
    expect(service.markRead("olga", "mia")).toBe(0);
    expect(service.unread("olga")).toEqual({ ada: 1 });
    expect(service.unread("mia")).toEqual({ olga: 1 });
    expect(service.history("olga", "mia").items.filter((m) => m.senderId === "mia").map((m) => m.readAt)).toEqual([clock.now(), clock.now()]);
  });

  test("colleagues no longer configured are left out of the counts", () => {
    service.send(mia, { toOperatorId: "olga", text: "a", clientId: "c1" });
    config = { ...config, operators: config.operators.filter((o) => o.id !== "mia") };
    expect(service.unread("olga")).toEqual({});
  });
});

describe("retention", () => {
  test("prunes the messages older than the cutoff only", () => {
    service.send(mia, { toOperatorId: "olga", text: "old", clientId: "c1" });
    const cutoff = clock.now() + 1;
    clock.advance(10);
    service.send(mia, { toOperatorId: "olga", text: "new", clientId: "c2" });
    expect(service.pruneOlderThan(cutoff)).toBe(1);
    expect(service.history("olga", "mia").items.map((m) => m.text)).toEqual(["new"]);
  });
});
