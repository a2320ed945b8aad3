/**
 * How a conversation travels: routing, capacity, the waiting queue, timeouts and conversation
 * behaviour.
 */
import { Type as T, type Static } from "@sinclair/typebox";
import { Id, Minutes, Seconds } from "./primitives";

/** A URL rule: visitors on matching pages go to a department or to named operators. */
export const UrlRuleSchema = T.Object(
  {
    pattern: T.String({ minLength: 1, description: "URL glob: * matches any run of characters" }),
    department: T.Optional(Id),
    operators: T.Optional(T.Array(Id, { minItems: 1 })),
  },
  { additionalProperties: false },
);

/** The `capacity` section: how many conversations and queued visitors each operator takes. */
export const CapacitySection = T.Object(
  {
    conversationsPerOperator: T.Integer({ minimum: 1, default: 3 }),
    queueSlotsPerOperator: T.Integer({ minimum: 0, default: 5, description: "0 disables the waiting queue" }),
  },
  { additionalProperties: false, default: {} },
);

/** The `queue` section: first-response targets and wait estimates. */
export const QueueSection = T.Object(
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
    maxWaitMinutes: T.Integer({
      minimum: 0,
      maximum: 1440,
      default: 0,
      description: "a visitor waiting longer in the queue is told (widget.phrases.queueTimeout), offered the offline form and the conversation ends (reason queue_timeout); 0 = no limit",
    }),
  },
  { additionalProperties: false, default: {} },
);

/** The `timeouts` section: every timer the engine runs on a conversation or an operator. */
export const TimeoutsSection = T.Object(
  {
    visitorInactivityMinutes: Minutes("end the conversation after this much visitor silence while the visitor awaits no answer (0 disables)", 30),
    operatorReminderBeforeTimeoutSeconds: Seconds("warn the operator this long before the inactivity timeout, or before the automatic transfer while the visitor awaits an answer", 60),
    visitorReminderMinutes: Minutes("send the reminder message after this much visitor silence following an operator message", 0),
    reengagementMinutes: Minutes("send the re-engagement message after this much silence from both sides", 0),
    reengagementStatuses: T.Array(Id, { default: ["connected"], description: "operator statuses in which re-engagement is sent" }),
    autoTransferSeconds: Seconds("transfer when the operator has not answered the visitor this long (never back to an operator already tried)", 0),
    autoTransferNotifyVisitor: T.Boolean({ default: true }),
    operatorDisconnectNoticeSeconds: Seconds("tell the visitor the operator is disconnected after this long", 0),
    transferOnOperatorDisconnect: T.Boolean({ default: false }),
    waitingQuestionnaireMinutes: Minutes("offer the waiting questionnaire after this long in queue", 0),
    queueClosureBeforeEndMinutes: Minutes("stop queueing this long before the end of service", 0),
    presenceGraceSeconds: Seconds("an operator whose socket drops stays present this long", 30),
    transferRequestSeconds: Seconds("a transfer request (/t Name) not accepted within this long expires (0 = never)", 120),
  },
  { additionalProperties: false, default: {} },
);

/** The `routing` section: department or URL routing and the strategy plugin that picks an operator. */
export const RoutingSection = T.Object(
  {
    mode: T.Union([T.Literal("department"), T.Literal("url"), T.Literal("none")], { default: "none", description: "department and URL routing are exclusive" }),
    strategy: T.String({ default: "least-busy", description: "routing strategy plugin id" }),
    options: T.Record(T.String(), T.Unknown(), { default: {} }),
    urlRules: T.Array(UrlRuleSchema, { default: [] }),
  },
  { additionalProperties: false, default: {} },
);

/** The `conversations` section: behaviour of a conversation once it exists. */
export const ConversationsSection = T.Object(
  {
    keepOpenAfterEnd: T.Boolean({ default: false, description: "re-escalation goes back to the previous operator if available" }),
    knowledgeAnswersAsOperator: T.Boolean({ default: true }),
    defaultPriority: T.Union([T.Literal("low"), T.Literal("normal"), T.Literal("high"), T.Literal("urgent")], { default: "normal" }),
    maxMessageLength: T.Integer({ minimum: 1, maximum: 10_000, default: 4000, description: "longest chat message or note, in characters; longer ones are refused with request.too_large" }),
  },
  { additionalProperties: false, default: {} },
);

export type UrlRuleConfig = Static<typeof UrlRuleSchema>;
