/**
 * The whole configuration file, composed from its sections in the order config.example.yaml
 * documents them. Only the public surface is re-exported; `src/config/schema.ts` is the import path.
 */
import { Type as T, type Static } from "@sinclair/typebox";
import { CannedResponsesSection, KnowledgeBaseSection, QuestionnaireSchema } from "./content";
import { OpeningHoursSchema } from "./hours";
import { AuthSection, FilesSection, PluginsSection, RateLimitsSection, ServerSection, SmtpSection, StorageSection } from "./infrastructure";
import { DepartmentSchema, OperatorSchema, PermissionsSection, StatusSchema } from "./people";
import { CapacitySection, ConversationsSection, QueueSection, RoutingSection, TimeoutsSection } from "./routing";
import { WidgetSection } from "./widget";
import { OfflineMessagesSection, VisitorsSection } from "./visitors";

export { OpeningHoursSchema, TimeRangeSchema, WEEKDAYS, type OpeningHoursConfig, type TimeRange, type Weekday } from "./hours";
export { BUILTIN_STATUSES, ROLES, type DepartmentConfig, type OperatorConfig, type Permission, type PermissionFlags, type Role, type StatusConfig } from "./people";
export type { UrlRuleConfig } from "./routing";
export type { FieldConfig } from "./widget";
export type { QuestionnaireConfig } from "./content";
export type { AdditionalInfoFieldConfig, OfflineAutoReplyConfig } from "./visitors";

/** The whole configuration file. */
export const ConfigSchema = T.Object(
  {
    server: ServerSection,
    storage: StorageSection,
    auth: AuthSection,
    rateLimits: RateLimitsSection,
    operators: T.Array(OperatorSchema, { minItems: 1 }),
    departments: T.Array(DepartmentSchema, { default: [] }),
    openingHours: T.Optional(OpeningHoursSchema),
    capacity: CapacitySection,
    queue: QueueSection,
    timeouts: TimeoutsSection,
    statuses: T.Array(StatusSchema, { default: [], description: "optional statuses in addition to connected, break, offline" }),
    permissions: PermissionsSection,
    routing: RoutingSection,
    conversations: ConversationsSection,
    cannedResponses: CannedResponsesSection,
    knowledgeBase: KnowledgeBaseSection,
    questionnaires: T.Array(QuestionnaireSchema, { default: [] }),
    widget: WidgetSection,
    visitors: VisitorsSection,
    offlineMessages: OfflineMessagesSection,
    files: FilesSection,
    smtp: SmtpSection,
    plugins: PluginsSection,
  },
  { additionalProperties: false },
);

/** The validated, defaults-filled configuration every module reads (never mutated once loaded). */
export type Config = Static<typeof ConfigSchema>;
