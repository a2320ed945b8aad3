import { expect, test } from "bun:test";
import type { Conversation } from "../core/conversation/conversation.model";
import { conversationFileView, fileRefOf } from "./conversation.adapter";
import { canReadConversationFiles } from "./file-access.policy";
import { staff, visitor } from "./file-fixtures.testing";

/** Only the fields the adapter reads; the rest of the engine record is irrelevant here. */
const engineConversation = {
  id: "c7",
  visitor: { id: "v7", name: "Ann" },
  state: "active",
  department: "billing",
  operatorId: "op2",
  previousOperatorIds: ["op1"],
} as unknown as Conversation;

test("an engine conversation grants file access to its visitor and operators, not to others", () => {
  const view = conversationFileView(engineConversation);
  expect(view).toEqual({ id: "c7", visitorId: "v7", state: "active", departmentId: "billing", operatorId: "op2", previousOperatorIds: ["op1"] });
  expect(canReadConversationFiles(visitor("v7"), view)).toBe(true);
  expect(canReadConversationFiles(staff("op1"), view)).toBe(true);
  expect(canReadConversationFiles(visitor("v8"), view)).toBe(false);
});

test("a stored file becomes the reference a message event keeps", () => {
  const ref = fileRefOf({ id: "f1", sha256: "0".repeat(64), size: 12, name: "a.png", contentType: "image/png", conversationId: "c7", uploaderKind: "visitor", uploaderId: "v7", createdAt: 0 });
  expect(ref).toEqual({ id: "f1", name: "a.png", mime: "image/png", size: 12 });
});
