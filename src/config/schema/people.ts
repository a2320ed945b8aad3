/**
 * Who answers: operators, their roles and permissions, their statuses, and the departments they
 * belong to.
 */
import { Type as T, type Static } from "@sinclair/typebox";
import { OpeningHoursSchema } from "./hours";
import { Id } from "./primitives";

/** Roles, from most to least powerful. */
export const ROLES = ["admin", "manager", "operator"] as const;
export type Role = (typeof ROLES)[number];

const PermissionFlags = T.Object(
  {
    print: T.Boolean({ default: true }),
    emailTranscript: T.Boolean({ default: true }),
    markImportant: T.Boolean({ default: true }),
    requestManagerHelp: T.Boolean({ default: true }),
    listOnlineOperators: T.Boolean({ default: true }),
    knowledgeSearch: T.Boolean({ default: true }),
    cannedResponses: T.Boolean({ default: true }),
    requestFile: T.Boolean({ default: true }),
    sendFile: T.Boolean({ default: true }),
    sendQuestionnaire: T.Boolean({ default: true, description: "operator may send a visitor questionnaire during the chat" }),
    operatorChat: T.Boolean({ default: true, description: "send chat messages to other operators (stored; an offline colleague gets them on sign-in)" }),
  },
  { additionalProperties: false, default: {} },
);
/** The dashboard features a role may use; a feature turned off is absent from the UI and refused by the API. */
export type PermissionFlags = Static<typeof PermissionFlags>;
/** Permission names, for iteration in UIs and route guards. */
export type Permission = keyof PermissionFlags;

/** The `permissions` section: one set of flags per role. */
export const PermissionsSection = T.Object(
  { operator: PermissionFlags, manager: PermissionFlags, admin: PermissionFlags },
  { additionalProperties: false, default: {} },
);

/** Built-in statuses always exist; `accepts` says whether new conversations may be assigned. */
export const BUILTIN_STATUSES = {
  connected: { label: "Connected", acceptsNewConversations: true },
  break: { label: "On break", acceptsNewConversations: false },
  offline: { label: "Offline", acceptsNewConversations: false },
} as const;

/** An optional status in addition to the built-in ones. */
export const StatusSchema = T.Object(
  {
    id: Id,
    label: T.String({ minLength: 1 }),
    acceptsNewConversations: T.Boolean({ default: false }),
    visitorNotice: T.Optional(T.String({ description: "shown to the visitors of this operator while the status lasts" })),
    stillBusyNoticeAfterSeconds: T.Optional(T.Number({ minimum: 0, description: "0 disables; tell the visitor the operator is still busy after this long" })),
    stillBusyNotice: T.Optional(T.String()),
  },
  { additionalProperties: false },
);

/** One operator account: identity, role, departments, skills, capacity and shift. */
export const OperatorSchema = T.Object(
  {
    id: Id,
    name: T.String({ minLength: 1 }),
    email: T.String({ pattern: "^[^@\\s]+@[^@\\s]+$", description: "login e-mail address", expected: "an e-mail address" }),
    role: T.Union(ROLES.map((r) => T.Literal(r)), { default: "operator" }),
    departments: T.Array(Id, { default: [] }),
    skills: T.Array(T.String({ minLength: 1 }), { default: [] }),
    maxConversations: T.Optional(T.Integer({ minimum: 1, description: "overrides capacity.conversationsPerOperator" })),
    passwordHash: T.Optional(T.String({ minLength: 1, description: "argon2id hash from `parley hash-password`" })),
    avatarUrl: T.Optional(T.String()),
    receivesOfflineMessages: T.Boolean({ default: false }),
    shift: T.Optional(OpeningHoursSchema),
  },
  { additionalProperties: false },
);

/** A department: the skills its conversations require and its own opening hours. */
export const DepartmentSchema = T.Object(
  {
    id: Id,
    name: T.String({ minLength: 1 }),
    description: T.Optional(T.String()),
    skills: T.Array(T.String({ minLength: 1 }), { default: [], description: "skills a conversation of this department requires" }),
    openingHours: T.Optional(OpeningHoursSchema),
  },
  { additionalProperties: false },
);

export type OperatorConfig = Static<typeof OperatorSchema>;
export type DepartmentConfig = Static<typeof DepartmentSchema>;
export type StatusConfig = Static<typeof StatusSchema>;
