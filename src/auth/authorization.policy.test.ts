import { describe, expect, test } from "bun:test";
import type { Role } from "../config/schema";
import { AppError } from "../core/errors";
import {
  assertPermission,
  assertRoleAtLeast,
  canMonitor,
  canReplyToConversation,
  canViewConversation,
  hasPermission,
  hasRoleAtLeast,
  type ConversationAccess,
} from "./authorization.policy";
import type { OperatorPrincipal, Principal, VisitorPrincipal } from "./principal.model";
import { testConfig } from "./auth.fixtures";

const config = await testConfig();
const staff = (id: string, role: Role, departments: string[] = []): OperatorPrincipal => ({
  kind: "operator",
  id,
  name: id,
  email: `${id}@x.test`,
  role,
  departments,
  permissions: config.permissions[role],
});
const olga = staff("olga", "operator", ["support"]);
const otto = staff("otto", "operator", ["sales"]);
const mia = staff("mia", "manager");
const ada = staff("ada", "admin");
const visitor: VisitorPrincipal = { kind: "visitor", visitorId: "v1" };
const stranger: VisitorPrincipal = { kind: "visitor", visitorId: "v2" };

const conv = (c: Partial<ConversationAccess>): ConversationAccess => ({ visitorId: "v1", state: "active", ...c });

describe("canViewConversation", () => {
  const cases: [string, Principal, ConversationAccess, boolean][] = [
    ["operator sees a conversation assigned to them", olga, conv({ operatorId: "olga" }), true],
    ["operator still sees it after it ended (history)", olga, conv({ operatorId: "olga", state: "ended" }), true],
    ["operator does not see a colleague's active conversation", olga, conv({ operatorId: "otto", departmentId: "support" }), false],
    ["operator sees one waiting in their department", olga, conv({ state: "waiting", departmentId: "support" }), true],
    ["operator sees one pending in their department", olga, conv({ state: "pending", departmentId: "support" }), true],
    ["operator does not see one waiting in another department", olga, conv({ state: "waiting", departmentId: "sales" }), false],
    ["operator sees one waiting with no department (routing not by department)", olga, conv({ state: "waiting", departmentId: null }), true],
    ["operator sees one being transferred to them", olga, conv({ operatorId: "otto", pendingTransfer: { toOperatorId: "olga" } }), true],
    ["operator sees one being transferred to their department", olga, conv({ operatorId: "otto", pendingTransfer: { toDepartmentId: "support" } }), true],
    ["operator does not see a transfer to someone else", olga, conv({ operatorId: "otto", pendingTransfer: { toOperatorId: "ann" } }), false],
    ["manager sees everything", mia, conv({ operatorId: "otto", departmentId: "sales" }), true],
    ["admin sees everything", ada, conv({ state: "ended", operatorId: "otto" }), true],
    ["visitor sees their own conversation", visitor, conv({}), true],
    ["visitor does not see someone else's", stranger, conv({}), false],
  ];
  for (const [name, principal, c, expected] of cases) test(name, () => expect(canViewConversation(principal, c)).toBe(expected));
});

describe("canReplyToConversation", () => {
  const cases: [string, Principal, ConversationAccess, boolean][] = [
    ["assigned operator replies to an active conversation", olga, conv({ operatorId: "olga" }), true],
    ["another operator cannot", otto, conv({ operatorId: "olga" }), false],
    ["a waiting conversation is not answered before it is taken", olga, conv({ state: "waiting", departmentId: "support" }), false],
    ["a manager may step in", mia, conv({ operatorId: "olga" }), true],
    ["the visitor writes into their own", visitor, conv({ state: "waiting" }), true],
    ["nobody writes into an ended conversation", ada, conv({ state: "ended", operatorId: "ada" }), false],
    ["the visitor neither", visitor, conv({ state: "ended" }), false],
  ];
  for (const [name, principal, c, expected] of cases) test(name, () => expect(canReplyToConversation(principal, c)).toBe(expected));
});

describe("role checks", () => {
  const table: [Principal, { monitor: boolean; admin: boolean; manager: boolean }][] = [
    [olga, { monitor: false, admin: false, manager: false }],
    [mia, { monitor: true, admin: false, manager: true }],
    [ada, { monitor: true, admin: true, manager: true }],
    [visitor, { monitor: false, admin: false, manager: false }],
  ];
  for (const [principal, expected] of table) {
    test(`${principal.kind === "operator" ? principal.role : "visitor"}`, () => {
      expect({
        monitor: canMonitor(principal),
        admin: hasRoleAtLeast(principal, "admin"),
        manager: hasRoleAtLeast(principal, "manager"),
      }).toEqual(expected);
    });
  }

  test("assertRoleAtLeast names the required role", () => {
    expect(() => assertRoleAtLeast(olga, "manager")).toThrow("manager role");
    expect(() => assertRoleAtLeast(visitor, "operator")).toThrow(AppError);
    expect(() => assertRoleAtLeast(mia, "manager")).not.toThrow();
  });
});

describe("hasPermission follows config.permissions of the role", () => {
  test("a flag switched off for operators is refused to them but not to managers", () => {
    expect(config.permissions.operator.sendFile).toBe(false);
    expect(hasPermission(olga, "sendFile")).toBe(false);
    expect(hasPermission(mia, "sendFile")).toBe(true);
    expect(hasPermission(olga, "print")).toBe(true);
    expect(hasPermission(visitor, "print")).toBe(false);
  });

  test("assertPermission throws permission.disabled", () => {
    expect(() => assertPermission(olga, "sendFile")).toThrow(expect.objectContaining({ code: "permission.disabled" }));
  });
});
