import { describe, expect, test } from "bun:test";
import { TypeCompiler } from "@sinclair/typebox/compiler";
import { visibilityOf, type AnyStoredEvent, type EventType } from "../core/conversation/conversation.events";
import { ConversationEventSchema } from "../transport/ws/protocol";
import { conversationEventFor, eventFrameFor, type OperatorDirectory } from "./event-view";

const directory: OperatorDirectory = { operator: (id) => (id === "ann" ? { id: "ann", name: "Ann Smith" } : null) };
const valid = TypeCompiler.Compile(ConversationEventSchema);

const base = { conversationId: "c1", seq: 7, createdAt: 1_700_000_000_000, clientId: null, body: null };
const samples: AnyStoredEvent[] = [
  { ...base, type: "conversation.created", actor: { kind: "visitor", id: "v1" }, visibility: "all", payload: { department: "sales", priority: "high", pageUrl: "https://shop/x", targetOperatorIds: null } },
  { ...base, type: "conversation.queued", actor: { kind: "system", id: null }, visibility: "all", payload: { queueKey: "sales", position: 3, reason: "new" } },
  { ...base, type: "conversation.assigned", actor: { kind: "system", id: null }, visibility: "all", payload: { operatorId: "ann", operatorName: "Ann Smith", mode: "routing", by: { kind: "system", id: null }, capacityOverride: false, reason: "least busy" } },
  { ...base, type: "conversation.requeued", actor: { kind: "system", id: null }, visibility: "all", payload: { fromOperatorId: "ann", reason: "disconnected" } },
  { ...base, type: "conversation.transferred", actor: { kind: "operator", id: "ann" }, visibility: "staff", payload: { transferId: "t1", fromOperatorId: "ann", toOperatorId: "bob", toDepartment: null, message: "VIP, be nice", automatic: false, reason: "manual" } },
  { ...base, type: "conversation.ended", actor: { kind: "visitor", id: "v1" }, visibility: "all", payload: { reason: "visitor" } },
  { ...base, type: "conversation.reescalated", actor: { kind: "visitor", id: "v1" }, visibility: "all", payload: { previousOperatorId: "ann" } },
  { ...base, type: "conversation.updated", actor: { kind: "operator", id: "ann" }, visibility: "all", payload: { tags: ["angry"], important: true } },
  { ...base, type: "transfer.requested", actor: { kind: "operator", id: "ann" }, visibility: "staff", payload: { transferId: "t1", fromOperatorId: "ann", toOperatorId: "bob", message: null, expiresAt: null } },
  { ...base, type: "transfer.declined", actor: { kind: "operator", id: "bob" }, visibility: "staff", payload: { transferId: "t1", toOperatorId: "bob" } },
  { ...base, type: "transfer.expired", actor: { kind: "system", id: null }, visibility: "staff", payload: { transferId: "t1", toOperatorId: "bob" } },
  { ...base, type: "transfer.cancelled", actor: { kind: "system", id: null }, visibility: "staff", payload: { transferId: "t1", toOperatorId: "bob", reason: "ended" } },
  { ...base, type: "message", actor: { kind: "operator", id: "ann" }, visibility: "all", payload: { file: null }, body: "Hello!", clientId: "m-1" },
  { ...base, type: "note", actor: { kind: "operator", id: "ann" }, visibility: "staff", payload: {}, body: "internal remark", clientId: "n-1" },
  { ...base, type: "notice", actor: { kind: "system", id: null }, visibility: "all", payload: { kind: "queue_full", offlineForm: true }, body: "All busy" },
  { ...base, type: "operator.reminder", actor: { kind: "system", id: null }, visibility: "staff", payload: { endsAt: 1_700_000_060_000 } },
  { ...base, type: "questionnaire.offered", actor: { kind: "system", id: null }, visibility: "all", payload: { questionnaireId: "csat" } },
  { ...base, type: "questionnaire.answered", actor: { kind: "visitor", id: "v1" }, visibility: "all", payload: { questionnaireId: "csat", summary: "Rated 4/5", score: 4 } },
  { ...base, type: "file.requested", actor: { kind: "operator", id: "ann" }, visibility: "all", payload: {}, body: "Your receipt, please", clientId: "rf-1" },
] as AnyStoredEvent[];

describe("conversation events per audience", () => {
  test("every stored event type has a staff view that matches the protocol schema", () => {
    const covered = new Set<EventType>();
    for (const e of samples) {
      const staff = conversationEventFor(e, "staff", directory);
      expect(staff).not.toBeNull();
      expect(valid.Check(staff)).toBe(true);
      covered.add(e.type);
    }
    expect(covered.size).toBe(19);
  });

  test("visitors never get staff-only event types, and their views match the schema", () => {
    for (const e of samples) {
      const v = conversationEventFor(e, "visitor", directory);
      if (visibilityOf(e.type) === "staff") expect(v).toBeNull();
      if (v) expect(valid.Check(v)).toBe(true);
    }
    const hidden = samples.filter((e) => conversationEventFor(e, "visitor", directory) === null).map((e) => e.type);
    expect(hidden).toEqual(["conversation.transferred", "conversation.updated", "transfer.requested", "transfer.declined", "transfer.expired", "transfer.cancelled", "note", "operator.reminder"]);
  });

  test("an operator reminder says whether the conversation will end or be transferred; older logs (no outcome) meant the end", () => {
    const legacy = samples.find((e) => e.type === "operator.reminder")!;
    expect(conversationEventFor(legacy, "staff", directory)).toEqual({ type: "operator.reminder", at: base.createdAt, endsAt: 1_700_000_060_000, outcome: "end" });
    const transfer = { ...legacy, payload: { endsAt: 1_700_000_060_000, outcome: "transfer" } } as AnyStoredEvent;
    const view = conversationEventFor(transfer, "staff", directory);
    expect(view).toEqual({ type: "operator.reminder", at: base.createdAt, endsAt: 1_700_000_060_000, outcome: "transfer" });
    expect(valid.Check(view)).toBe(true);
  });

  test("an event stored as staff-only is hidden from visitors whatever its type", () => {
    const e = { ...samples[12]!, visibility: "staff" } as AnyStoredEvent;
    expect(conversationEventFor(e, "visitor", directory)).toBeNull();
  });

  test("visitors see the operator's name but not routing internals or page/priority", () => {
    expect(conversationEventFor(samples[2]!, "visitor", directory)).toEqual({ type: "conversation.assigned", at: base.createdAt, operator: { id: "ann", name: "Ann Smith" } });
    expect(conversationEventFor(samples[0]!, "visitor", directory)).toEqual({ type: "conversation.created", at: base.createdAt, department: "sales" });
  });

  test("messages carry the sender's name, text and client id; frames carry the seq", () => {
    expect(eventFrameFor(samples[12]!, "visitor", directory)).toEqual({
      type: "event",
      conversationId: "c1",
      seq: 7,
      event: { type: "message", at: base.createdAt, sender: { kind: "operator", id: "ann", name: "Ann Smith" }, text: "Hello!", file: null, clientId: "m-1" },
    });
  });

  test("a questionnaire answer's summary and score are for the staff; a file request and who sent an offer are for both", () => {
    const answered = samples.find((e) => e.type === "questionnaire.answered")!;
    expect(conversationEventFor(answered, "visitor", directory)).toEqual({ type: "questionnaire.answered", at: base.createdAt, questionnaireId: "csat" });
    expect(conversationEventFor(answered, "staff", directory)).toEqual({ type: "questionnaire.answered", at: base.createdAt, questionnaireId: "csat", summary: "Rated 4/5", score: 4 });
    const request = samples.find((e) => e.type === "file.requested")!;
    expect(eventFrameFor(request, "visitor", directory)).toEqual({ type: "event", conversationId: "c1", seq: 7, event: { type: "file.requested", at: base.createdAt, operator: { id: "ann", name: "Ann Smith" }, message: "Your receipt, please" } });
    const offer = { ...samples.find((e) => e.type === "questionnaire.offered")!, actor: { kind: "operator", id: "ann" } } as AnyStoredEvent;
    expect(conversationEventFor(offer, "visitor", directory)).toEqual({ type: "questionnaire.offered", at: base.createdAt, questionnaireId: "csat", operator: { id: "ann", name: "Ann Smith" } });
  });

  test("messages, notices, ends, questionnaire offers and file requests read the same for both audiences (the fan-out shares one frame)", () => {
    for (const e of samples.filter((x) => ["message", "notice", "conversation.ended", "questionnaire.offered", "file.requested"].includes(x.type))) {
      expect(conversationEventFor(e, "visitor", directory)).toEqual(conversationEventFor(e, "staff", directory));
    }
  });
});

describe("knowledge base answers per audience", () => {
  const answer = (asOperator: boolean): AnyStoredEvent =>
    ({ ...base, type: "message", actor: { kind: "operator", id: "ann" }, visibility: "all", payload: { file: null, source: { kind: "knowledge", title: "Returns", url: "https://help.example.com/returns", asOperator } }, body: "Return any item within 30 days.", clientId: "m-2" }) as AnyStoredEvent;

  test("attributed to the knowledge base: the visitor gets the article's title and link", () => {
    const seen = conversationEventFor(answer(false), "visitor", directory);
    expect(valid.Check(seen)).toBe(true);
    expect(seen).toMatchObject({ type: "message", text: "Return any item within 30 days.", source: { kind: "knowledge", title: "Returns", url: "https://help.example.com/returns" } });
    expect((seen as { source: object }).source).not.toHaveProperty("asOperator");
  });

  test("shown as the operator's words: the visitor sees a plain message; staff always see the source", () => {
    expect(conversationEventFor(answer(true), "visitor", directory)).not.toHaveProperty("source");
    const staffView = conversationEventFor(answer(true), "staff", directory);
    expect(valid.Check(staffView)).toBe(true);
    expect(staffView).toMatchObject({ source: { kind: "knowledge", title: "Returns", asOperator: true } });
  });
});
