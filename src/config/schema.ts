/**
 * The one schema of Parley's YAML configuration. It is both the runtime validator (TypeBox, the
 * library behind Elysia's `t`) and the static type every other module consumes, so a key can never
 * be documented, validated and typed three different ways. Defaults live here too: `load.ts` fills
 * them in before validation, so consumers always see a complete `Config`.
 *
 * Every key is documented with an example in config.example.yaml; a test proves that file validates.
 * Patterned strings carry an `expected` option: the phrase load.ts prints in errors ("expected an
 * e-mail address") instead of the raw regular expression.
 */
import { Type as T, type Static, type TSchema } from "@sinclair/typebox";

const Id = T.String({
  pattern: "^[a-z0-9][a-z0-9_-]{0,63}$",
  description: "lower-case id: letters, digits, - and _",
  expected: "a lower-case id (a-z, 0-9, - and _, at most 64 characters)",
});
const Minutes = (description: string, def: number) => T.Number({ minimum: 0, default: def, description });
const Seconds = Minutes;
const Clock = T.String({ pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$", description: "time of day HH:MM", expected: "a time of day HH:MM (00:00 to 24:00)" });

/** A time window within one day, `from` inclusive, `to` exclusive, local to the hours' timezone. */
export const TimeRangeSchema = T.Object({ from: Clock, to: Clock }, { additionalProperties: false });

const Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
/** Weekday names as written in the YAML, Monday first (ISO order). */
export const WEEKDAYS = Weekdays;
export type Weekday = (typeof Weekdays)[number];

const DayHours = T.Array(TimeRangeSchema);

/** Opening hours: weekly windows in an IANA timezone, plus dated exceptions (holidays, special days). */
export const OpeningHoursSchema = T.Object(
  {
    timezone: T.String({ default: "UTC", description: "IANA timezone, e.g. Europe/Paris" }),
    weekly: T.Object(
      {
        monday: T.Optional(DayHours),
        tuesday: T.Optional(DayHours),
        wednesday: T.Optional(DayHours),
        thursday: T.Optional(DayHours),
        friday: T.Optional(DayHours),
        saturday: T.Optional(DayHours),
        sunday: T.Optional(DayHours),
      },
      { additionalProperties: false, default: {}, description: "a missing day is closed" },
    ),
    exceptions: T.Array(
      T.Object(
        {
          date: T.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "YYYY-MM-DD in the hours' timezone", expected: "a date YYYY-MM-DD" }),
          name: T.Optional(T.String()),
          hours: T.Array(TimeRangeSchema, { default: [], description: "empty = closed all day" }),
        },
        { additionalProperties: false },
      ),
      { default: [] },
    ),
  },
  { additionalProperties: false },
);

const RateLimit = (perMinute: number, description: string) =>
  T.Object(
    { perMinute: T.Integer({ minimum: 0, default: perMinute, description: "0 disables the limit" }), burst: T.Optional(T.Integer({ minimum: 1 })) },
    { additionalProperties: false, default: {}, description },
  );

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
    operatorChat: T.Boolean({ default: true, description: "chat between connected operators" }),
  },
  { additionalProperties: false, default: {} },
);
/** The dashboard features a role may use; a feature turned off is absent from the UI and refused by the API. */
export type PermissionFlags = Static<typeof PermissionFlags>;
/** Permission names, for iteration in UIs and route guards. */
export type Permission = keyof PermissionFlags;

/** Built-in statuses always exist; `accepts` says whether new conversations may be assigned. */
export const BUILTIN_STATUSES = {
  connected: { label: "Connected", acceptsNewConversations: true },
  break: { label: "On break", acceptsNewConversations: false },
  offline: { label: "Offline", acceptsNewConversations: false },
} as const;

const StatusSchema = T.Object(
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

const OperatorSchema = T.Object(
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

const DepartmentSchema = T.Object(
  {
    id: Id,
    name: T.String({ minLength: 1 }),
    description: T.Optional(T.String()),
    skills: T.Array(T.String({ minLength: 1 }), { default: [], description: "skills a conversation of this department requires" }),
    openingHours: T.Optional(OpeningHoursSchema),
  },
  { additionalProperties: false },
);

const UrlRuleSchema = T.Object(
  {
    pattern: T.String({ minLength: 1, description: "URL glob: * matches any run of characters" }),
    department: T.Optional(Id),
    operators: T.Optional(T.Array(Id, { minItems: 1 })),
  },
  { additionalProperties: false },
);

const QuestionnaireSchema = T.Object(
  {
    id: Id,
    plugin: T.String({ minLength: 1, description: "id of a questionnaire plugin" }),
    when: T.Union([T.Literal("waiting"), T.Literal("visitorEnd"), T.Literal("operatorEnd"), T.Literal("manual")]),
    title: T.Optional(T.String()),
    options: T.Record(T.String(), T.Unknown(), { default: {} }),
    showCompleteButton: T.Boolean({ default: true, description: "operator questionnaires: a Complete button under the input area" }),
    showCancelButton: T.Boolean({ default: true }),
    allowCloseWithoutAnswer: T.Boolean({ default: true }),
  },
  { additionalProperties: false },
);

const FieldSchema = T.Object(
  {
    id: Id,
    label: T.String({ minLength: 1 }),
    type: T.Union([T.Literal("text"), T.Literal("email"), T.Literal("tel"), T.Literal("textarea"), T.Literal("select")], { default: "text" }),
    required: T.Boolean({ default: false }),
    options: T.Optional(T.Array(T.String())),
  },
  { additionalProperties: false },
);

const Phrases = T.Object(
  {
    welcome: T.String({ default: "Hello! How can we help you today?" }),
    afterHours: T.String({ default: "We are closed right now. Leave us a message and we will answer by email." }),
    noOperator: T.String({ default: "No operator is available right now. Leave us a message and we will answer by email." }),
    queueFull: T.String({ default: "All our operators are busy. Leave us a message and we will answer by email." }),
    visitorReminder: T.String({ default: "Are you still there? The conversation will close soon without news from you." }),
    reengagement: T.String({ default: "Is there anything else I can help you with?" }),
    autoTransferNotice: T.String({ default: "You are being transferred to another operator." }),
    operatorDisconnected: T.String({ default: "Your operator has been disconnected. Please wait a moment." }),
    searchingInformation: T.String({ default: "The operator is searching for information." }),
    stillSearching: T.String({ default: "The operator is still searching for information, thank you for your patience." }),
  },
  { additionalProperties: false, default: {} },
);

/** The whole configuration file. */
export const ConfigSchema = T.Object(
  {
    server: T.Object(
      {
        host: T.String({ default: "0.0.0.0" }),
        port: T.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
        publicUrl: T.String({ default: "http://localhost:8080", description: "absolute URL visitors and operators reach" }),
        allowedOrigins: T.Array(T.String(), { default: [], description: "origins allowed to embed the widget; empty = publicUrl only" }),
        trustedProxies: T.Array(T.String(), { default: [], description: "IPs whose X-Forwarded-For is believed" }),
        logLevel: T.Union([T.Literal("debug"), T.Literal("info"), T.Literal("warn"), T.Literal("error")], { default: "info" }),
      },
      { additionalProperties: false, default: {} },
    ),
    storage: T.Object(
      {
        dataDir: T.String({ default: "./data", description: "relative paths resolve from the config file" }),
        retention: T.Object(
          {
            conversationsDays: T.Integer({ minimum: 0, default: 0, description: "0 keeps forever" }),
            filesDays: T.Integer({ minimum: 0, default: 0, description: "0 keeps forever" }),
          },
          { additionalProperties: false, default: {} },
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    auth: T.Object(
      {
        sessionTtlHours: T.Number({ minimum: 0.1, default: 12 }),
        maxFailedLogins: T.Integer({ minimum: 1, default: 5 }),
        lockoutMinutes: T.Number({ minimum: 0, default: 15 }),
        visitorIdentitySecret: T.Optional(T.String({ minLength: 16, description: "HMAC secret for identity verification" })),
      },
      { additionalProperties: false, default: {} },
    ),
    rateLimits: T.Object(
      {
        startConversation: RateLimit(10, "new conversations per IP"),
        sendMessage: RateLimit(120, "messages per visitor"),
        upload: RateLimit(20, "uploads per visitor"),
        login: RateLimit(20, "login attempts per IP"),
      },
      { additionalProperties: false, default: {} },
    ),
    operators: T.Array(OperatorSchema, { minItems: 1 }),
    departments: T.Array(DepartmentSchema, { default: [] }),
    openingHours: T.Optional(OpeningHoursSchema),
    capacity: T.Object(
      {
        conversationsPerOperator: T.Integer({ minimum: 1, default: 3 }),
        queueSlotsPerOperator: T.Integer({ minimum: 0, default: 5, description: "0 disables the waiting queue" }),
      },
      { additionalProperties: false, default: {} },
    ),
    queue: T.Object(
      {
        slaSeconds: T.Object(
          {
            low: T.Optional(T.Number({ minimum: 1 })),
            normal: T.Optional(T.Number({ minimum: 1 })),
            high: T.Optional(T.Number({ minimum: 1 })),
            urgent: T.Optional(T.Number({ minimum: 1 })),
          },
          { additionalProperties: false, default: {}, description: "first-response target per priority" },
        ),
        estimateSampleSize: T.Integer({ minimum: 1, default: 20, description: "recent conversations used to estimate waits" }),
      },
      { additionalProperties: false, default: {} },
    ),
    timeouts: T.Object(
      {
        visitorInactivityMinutes: Minutes("end the conversation after this much visitor silence (0 disables)", 30),
        operatorReminderBeforeTimeoutSeconds: Seconds("warn the operator this long before the inactivity timeout", 60),
        visitorReminderMinutes: Minutes("send the reminder message after this much visitor silence", 0),
        reengagementMinutes: Minutes("send the re-engagement message after this much silence from both sides", 0),
        reengagementStatuses: T.Array(Id, { default: ["connected"], description: "operator statuses in which re-engagement is sent" }),
        autoTransferSeconds: Seconds("transfer when the operator has not answered the visitor this long", 0),
        autoTransferNotifyVisitor: T.Boolean({ default: true }),
        operatorDisconnectNoticeSeconds: Seconds("tell the visitor the operator is disconnected after this long", 0),
        transferOnOperatorDisconnect: T.Boolean({ default: false }),
        waitingQuestionnaireMinutes: Minutes("offer the waiting questionnaire after this long in queue", 0),
        queueClosureBeforeEndMinutes: Minutes("stop queueing this long before the end of service", 0),
        presenceGraceSeconds: Seconds("an operator whose socket drops stays present this long", 30),
        transferRequestSeconds: Seconds("a transfer request (/t Name) not accepted within this long expires (0 = never)", 120),
      },
      { additionalProperties: false, default: {} },
    ),
    statuses: T.Array(StatusSchema, { default: [], description: "optional statuses in addition to connected, break, offline" }),
    permissions: T.Object(
      { operator: PermissionFlags, manager: PermissionFlags, admin: PermissionFlags },
      { additionalProperties: false, default: {} },
    ),
    routing: T.Object(
      {
        mode: T.Union([T.Literal("department"), T.Literal("url"), T.Literal("none")], { default: "none", description: "department and URL routing are exclusive" }),
        strategy: T.String({ default: "least-busy", description: "routing strategy plugin id" }),
        options: T.Record(T.String(), T.Unknown(), { default: {} }),
        urlRules: T.Array(UrlRuleSchema, { default: [] }),
      },
      { additionalProperties: false, default: {} },
    ),
    conversations: T.Object(
      {
        keepOpenAfterEnd: T.Boolean({ default: false, description: "re-escalation goes back to the previous operator if available" }),
        knowledgeAnswersAsOperator: T.Boolean({ default: true }),
        defaultPriority: T.Union([T.Literal("low"), T.Literal("normal"), T.Literal("high"), T.Literal("urgent")], { default: "normal" }),
        maxMessageLength: T.Integer({ minimum: 1, maximum: 10_000, default: 4000, description: "longest chat message or note, in characters; longer ones are refused with request.too_large" }),
      },
      { additionalProperties: false, default: {} },
    ),
    cannedResponses: T.Array(
      T.Object(
        {
          shortcut: T.String({ pattern: "^[A-Za-z0-9_-]+$", expected: "a shortcut of letters, digits, - and _" }),
          topic: T.String({ default: "General" }),
          text: T.String({ minLength: 1, description: "%VISITOR% and %OPERATOR% are expanded" }),
          department: T.Optional(Id),
        },
        { additionalProperties: false },
      ),
      { default: [] },
    ),
    knowledgeBase: T.Object(
      {
        file: T.Optional(T.String({ description: "YAML file with a list of {title, body, tags}" })),
        articles: T.Array(
          T.Object({ title: T.String({ minLength: 1 }), body: T.String({ minLength: 1 }), tags: T.Array(T.String(), { default: [] }) }, { additionalProperties: false }),
          { default: [] },
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    questionnaires: T.Array(QuestionnaireSchema, { default: [] }),
    widget: T.Object(
      {
        title: T.String({ default: "Chat with us" }),
        defaultLanguage: T.Union([T.Literal("en"), T.Literal("fr")], { default: "en" }),
        primaryColor: T.String({ pattern: "^#[0-9a-fA-F]{6}$", default: "#1f5fbf", expected: "a colour #rrggbb" }),
        preChatFields: T.Array(FieldSchema, { default: [] }),
        visitorProfileFields: T.Array(FieldSchema, { default: [], description: "custom fields shown to operators" }),
        phrases: Phrases,
      },
      { additionalProperties: false, default: {} },
    ),
    files: T.Object(
      {
        maxBytes: T.Integer({ minimum: 1, default: 10 * 1024 * 1024 }),
        allowedTypes: T.Array(T.String(), { default: ["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain"] }),
      },
      { additionalProperties: false, default: {} },
    ),
    smtp: T.Optional(
      T.Object(
        {
          host: T.String({ minLength: 1 }),
          port: T.Integer({ minimum: 1, maximum: 65535, default: 587 }),
          secure: T.Boolean({ default: false, description: "true for implicit TLS (port 465)" }),
          user: T.Optional(T.String()),
          password: T.Optional(T.String()),
          from: T.String({ minLength: 3 }),
        },
        { additionalProperties: false },
      ),
    ),
    plugins: T.Object(
      {
        dir: T.Optional(T.String({ description: "folder of .ts/.js plugins; relative to the config file" })),
        timeoutMs: T.Integer({ minimum: 1, default: 50, description: "a plugin call slower than this falls back to the built-in" }),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false },
);

/** The validated, defaults-filled configuration every module reads (never mutated once loaded). */
export type Config = Static<typeof ConfigSchema>;
export type OperatorConfig = Static<typeof OperatorSchema>;
export type DepartmentConfig = Static<typeof DepartmentSchema>;
export type OpeningHoursConfig = Static<typeof OpeningHoursSchema>;
export type StatusConfig = Static<typeof StatusSchema>;
export type QuestionnaireConfig = Static<typeof QuestionnaireSchema>;
export type UrlRuleConfig = Static<typeof UrlRuleSchema>;
export type FieldConfig = Static<typeof FieldSchema>;
export type TimeRange = Static<typeof TimeRangeSchema>;

/** Re-exported so callers can build sub-schemas without a second TypeBox import path. */
export type { TSchema };
