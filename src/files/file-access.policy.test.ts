import { describe, expect, test } from "bun:test";
import { AppError } from "../core/errors";
import { assertCanUpload, canReadConversationFiles } from "./file-access.policy";
import { conversation, staff, visitor } from "./file-fixtures.testing";
import type { FilePrincipal } from "./file.model";

describe("who may read a conversation's files", () => {
  const active = conversation();
  const matrix: [string, FilePrincipal, boolean][] = [
    ["its own visitor", visitor("v1"), true],
    ["its own visitor, session bound to it", visitor("v1", "c1"), true],
    ["its own visitor, session bound to another conversation", visitor("v1", "c9"), false],
    ["another visitor", visitor("v2"), false],
    ["the assigned operator", staff("op1"), true],
    ["a previous operator (transferred away)", staff("op0"), true],
    ["an unrelated operator of the same department", staff("op2", "operator", {}, ["sales"]), false],
    ["a manager", staff("boss", "manager"), true],
    ["an admin", staff("root", "admin"), true],
  ];
  for (const [label, principal, expected] of matrix) {
    test(`${label}: ${expected ? "yes" : "no"}`, () => {
      expect(canReadConversationFiles(principal, active)).toBe(expected);
    });
  }

  test("operators who may pick a queued conversation may see what the visitor attached while waiting", () => {
    const waiting = conversation({ state: "waiting", operatorId: null, previousOperatorIds: [] });
    expect(canReadConversationFiles(staff("op2", "operator", {}, ["sales"]), waiting)).toBe(true);
    expect(canReadConversationFiles(staff("op3", "operator", {}, ["support"]), waiting)).toBe(false);
  });
});

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected a refusal");
}

describe("who may upload", () => {
  test("the visitor, while waiting or active", () => {
    expect(assertCanUpload(visitor("v1"), conversation(), "c1").id).toBe("c1");
    expect(assertCanUpload(visitor("v1"), conversation({ state: "waiting", operatorId: null }), "c1").id).toBe("c1");
  });

  test("nobody once the conversation has ended", () => {
    const ended = conversation({ state: "ended" });
    expect(refusal(() => assertCanUpload(visitor("v1"), ended, "c1")).code).toBe("conversation.ended");
    expect(refusal(() => assertCanUpload(staff("op1"), ended, "c1")).code).toBe("conversation.ended");
  });

  test("the assigned operator with the sendFile permission", () => {
    expect(assertCanUpload(staff("op1"), conversation(), "c1").id).toBe("c1");
  });

  test("not an operator whose role has sendFile switched off", () => {
    expect(refusal(() => assertCanUpload(staff("op1", "operator", { sendFile: false }), conversation(), "c1")).code).toBe("permission.disabled");
  });

  test("not a previous operator: they may read but no longer reply", () => {
    expect(refusal(() => assertCanUpload(staff("op0"), conversation(), "c1")).code).toBe("auth.forbidden");
  });

  test("a manager stepping into an active conversation", () => {
    expect(assertCanUpload(staff("boss", "manager"), conversation(), "c1").id).toBe("c1");
  });

  test("strangers are told the conversation does not exist, exactly as for an unknown id", () => {
    const stranger = refusal(() => assertCanUpload(visitor("v2"), conversation(), "c1"));
    const unknown = refusal(() => assertCanUpload(visitor("v2"), null, "c1"));
    expect(stranger.code).toBe("conversation.not_found");
    expect(stranger.message).toBe(unknown.message);
    expect(refusal(() => assertCanUpload(staff("op2"), conversation(), "c1")).code).toBe("conversation.not_found");
  });
});
