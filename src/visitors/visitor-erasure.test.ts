import { afterEach, describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { testConfig } from "../auth/auth.fixtures";
import { AppError } from "../core/errors";
import { conversationEvents } from "../storage/tables/conversation-events.table";
import { mailJobs } from "../storage/tables/mail-jobs.table";
import { erasureWorld, type ErasureWorld } from "./visitor-erasure.fixtures";
import { VisitorErasureService } from "./visitor-erasure.service";

let world: ErasureWorld;
afterEach(() => world?.close());

async function setup() {
  world = erasureWorld(await testConfig());
  const logs: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
  const closed: string[] = [];
  const service = new VisitorErasureService({
    store: world.store,
    openConversationOf: (visitorId) => world.engine.engine.openConversations().find((c) => c.visitorId === visitorId)?.id ?? null,
    blobs: world.files,
    sockets: { closeVisitor: (id) => (closed.push(id), 1) },
    logger: { info: (msg, fields) => logs.push({ level: "info", msg, fields }), warn: (msg, fields) => logs.push({ level: "warn", msg, fields }) },
  });
  return { service, logs, closed };
}

const ADMIN = { id: "ada", role: "admin" as const };
const count = (table: string, where = "1") => (world.database.sqlite.query(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get() as { n: number }).n;

describe("erasing a visitor", () => {
  test("removes every row about them, their unshared files from disk, signs their widget out; other visitors untouched", async () => {
    const { service, closed } = await setup();
    const vera = await world.seedVisitor("v-vera", "vera's own invoice");
    const sam = await world.seedVisitor("v-sam", "sam's invoice");
    const report = await service.erase("v-vera", ADMIN);
    expect(report.erased).toMatchObject({ conversations: 2, files: 2, questionnaireResponses: 2, offlineMessages: 1, additionalInfo: 1, mailJobs: 2, tokens: 1, visitor: 1 });
    expect(report.erased.events).toBeGreaterThanOrEqual(6);
    expect(report.blobsRemoved).toBe(1);
    expect(existsSync(world.blobs.pathOf(vera.sha256))).toBe(false);
    expect(closed).toEqual(["v-vera"]);
    for (const [table, column] of [["conversations", "visitor_id"], ["offline_messages", "visitor_id"], ["visitor_additional_info", "visitor_id"], ["visitor_tokens", "visitor_id"], ["visitors", "id"]]) {
      expect(count(table!, `${column} = 'v-vera'`)).toBe(0);
    }
    for (const id of vera.conversationIds) {
      expect(count("conversation_events", `conversation_id = '${id}'`)).toBe(0);
      expect(count("files", `conversation_id = '${id}'`)).toBe(0);
      expect(count("questionnaire_responses", `conversation_id = '${id}'`)).toBe(0);
      expect(world.engine.engine.conversation(id)).toBeNull();
    }
    // Sam keeps everything, his blob included.
    expect(count("conversations", "visitor_id = 'v-sam'")).toBe(2);
    expect(count("files", `conversation_id = '${sam.conversationIds[0]}'`)).toBe(1);
    expect(world.database.db.select().from(mailJobs).all().map((j) => j.id).sort()).toEqual(["mail-o-v-sam", "mail-t-v-sam"]);
    expect(world.database.db.select().from(conversationEvents).all().every((e) => sam.conversationIds.includes(e.conversationId))).toBe(true);
    expect(existsSync(world.blobs.pathOf(sam.sha256))).toBe(true);
  });

  test("the stored acks of their commands go too (a questionnaire answer's ack quotes it); other principals' stay", async () => {
    const { service } = await setup();
    await world.seedVisitor("v-vera", "vera's own invoice");
    await world.seedVisitor("v-sam", "sam's invoice");
    const insert = world.database.sqlite.query("INSERT INTO command_acks (principal_kind, principal_id, client_id, ack, created_at) VALUES (?, ?, ?, ?, 0)");
    insert.run("visitor", "v-vera", "c1", '{"type":"ack","result":{"summary":"very unhappy"}}');
    insert.run("visitor", "v-sam", "c1", "{}");
    insert.run("operator", "v-vera", "c1", "{}"); // another namespace that happens to share the id
    await service.erase("v-vera", ADMIN);
    expect(count("command_acks", "principal_kind = 'visitor' AND principal_id = 'v-vera'")).toBe(0);
    expect(count("command_acks")).toBe(2);
  });

  test("a blob another visitor's file shares stays on disk (content-addressed)", async () => {
    const { service } = await setup();
    const vera = await world.seedVisitor("v-vera", "the same brochure");
    await world.seedVisitor("v-sam", "the same brochure");
    const report = await service.erase("v-vera", ADMIN);
    expect(report.blobsRemoved).toBe(0);
    expect(existsSync(world.blobs.pathOf(vera.sha256))).toBe(true);
  });

  test("the audit line says who erased which visitor id, and nothing personal", async () => {
    const { service, logs } = await setup();
    await world.seedVisitor("v-123", "x");
    await service.erase("v-123", { id: "mia", role: "manager" });
    const audit = logs.find((l) => l.msg === "visitor erased")!;
    expect(audit.fields).toMatchObject({ audit: "visitor.erase", visitorId: "v-123", by: "mia", role: "manager", conversations: 2 });
    expect(JSON.stringify(audit)).not.toMatch(/Vera|vera@|order|invoice/i);
  });

  test("refused while a conversation of theirs is open, naming it; nothing is deleted", async () => {
    const { service, closed } = await setup();
    await world.seedVisitor("v-vera", "x");
    const open = world.openConversation("v-vera");
    const error = await service.erase("v-vera", ADMIN).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "conversation.invalid_state", details: { conversationId: open } });
    expect(count("conversations", "visitor_id = 'v-vera'")).toBe(3);
    expect(closed).toEqual([]);
    world.engine.engine.endConversation(open, { kind: "visitor", id: "v-vera" }, "visitor");
    expect((await service.erase("v-vera", ADMIN)).erased.conversations).toBe(3);
  });

  test("an unknown visitor is not_found", async () => {
    const { service } = await setup();
    await expect(service.erase("v-nobody", ADMIN)).rejects.toMatchObject({ code: "not_found" });
  });

  test("a second erasure of the same visitor is not_found (idempotence is the caller's to see)", async () => {
    const { service } = await setup();
    await world.seedVisitor("v-vera", "x");
    await service.erase("v-vera", ADMIN);
    await expect(service.erase("v-vera", ADMIN)).rejects.toMatchObject({ code: "not_found" });
  });
});
