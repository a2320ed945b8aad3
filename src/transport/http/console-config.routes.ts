/**
 * `GET /api/console/config`: what the operator console needs from the configuration, for the
 * signed-in operator's role — statuses (built-in and optional), departments, colleagues, the
 * labels of the visitor fields, the feature permissions, message and file limits, the operator
 * questionnaire with its questions (from the questionnaire plugin), and the questionnaires an
 * operator may send the visitor during the chat.
 */
import { Elysia, t } from "elysia";
import type { AuthModule } from "../../auth/auth.module";
import { BUILTIN_STATUSES, type Config } from "../../config/schema";
import type { Logger } from "../../observability/logger";
import type { QuestionnaireSource } from "../../questionnaire/questionnaire-response.service";
import { authGuards, type GuardOptions } from "./guards";

const Question = t.Record(t.String(), t.Unknown(), { description: "a question of the plugin contract (id, type, label, …)" });
const ConsoleConfigView = t.Object({
  statuses: t.Array(t.Object({ id: t.String(), label: t.String(), acceptsNewConversations: t.Boolean(), builtin: t.Boolean() })),
  departments: t.Array(t.Object({ id: t.String(), name: t.String() })),
  operators: t.Array(t.Object({ id: t.String(), name: t.String(), departments: t.Array(t.String()) })),
  visitorFields: t.Array(
    t.Object({
      id: t.String(),
      label: t.String(),
      source: t.Union([t.Literal("preChat"), t.Literal("profile")], { description: "preChat: typed by the visitor; profile: set by the host page (Parley.setUser, data-field-*), not covered by identity verification" }),
    }),
  ),
  permissions: t.Record(t.String(), t.Boolean()),
  maxMessageLength: t.Integer(),
  files: t.Object({ maxBytes: t.Integer(), allowedTypes: t.Array(t.String()) }),
  operatorQuestionnaire: t.Union([
    t.Object({ id: t.String(), title: t.String(), questions: t.Array(Question), showCompleteButton: t.Boolean(), showCancelButton: t.Boolean(), allowCloseWithoutAnswer: t.Boolean() }),
    t.Null(),
  ]),
  mailConfigured: t.Boolean(),
  questionnaireTitles: t.Record(t.String(), t.String(), { description: "title of every configured questionnaire by id (its id when it has none), for the conversation's history" }),
  sendableQuestionnaires: t.Array(t.Object({ id: t.String(), title: t.String() }), { description: "questionnaires with `when: manual` the caller may send during a chat (empty without `sendQuestionnaire`)" }),
});

/** The console configuration of one role. */
export function consoleConfigFor(config: Config, role: keyof Config["permissions"], questionnaires: QuestionnaireSource, logger?: Logger) {
  const builtins = Object.entries(BUILTIN_STATUSES).map(([id, s]) => ({ id, label: s.label, acceptsNewConversations: s.acceptsNewConversations, builtin: true }));
  const fields = new Map<string, { label: string; source: "preChat" | "profile" }>();
  for (const f of config.widget.preChatFields) fields.set(f.id, { label: f.label, source: "preChat" });
  // An id in both lists is answered by the visitor in the form: the pre-chat field wins.
  for (const f of config.widget.visitorProfileFields) if (!fields.has(f.id)) fields.set(f.id, { label: f.label, source: "profile" });
  return {
    statuses: [...builtins, ...config.statuses.map((s) => ({ id: s.id, label: s.label, acceptsNewConversations: s.acceptsNewConversations, builtin: false }))],
    departments: config.departments.map((d) => ({ id: d.id, name: d.name })),
    operators: config.operators.map((o) => ({ id: o.id, name: o.name, departments: [...o.departments] })),
    visitorFields: [...fields].map(([id, f]) => ({ id, ...f })),
    permissions: { ...config.permissions[role] },
    maxMessageLength: config.conversations.maxMessageLength,
    files: { maxBytes: config.files.maxBytes, allowedTypes: [...config.files.allowedTypes] },
    operatorQuestionnaire: operatorQuestionnaire(config, questionnaires, logger),
    mailConfigured: config.smtp !== undefined,
    questionnaireTitles: Object.fromEntries(config.questionnaires.map((q) => [q.id, q.title ?? q.id])),
    sendableQuestionnaires: config.permissions[role].sendQuestionnaire ? config.questionnaires.filter((q) => q.when === "manual").map((q) => ({ id: q.id, title: q.title ?? q.id })) : [],
  };
}

/** The questionnaire shown to operators after ending, with its questions; null when none is configured or its plugin fails. */
function operatorQuestionnaire(config: Config, questionnaires: QuestionnaireSource, logger?: Logger) {
  const entry = config.questionnaires.find((q) => q.when === "operatorEnd");
  if (!entry) return null;
  try {
    const questions = questionnaires.questionnaire(entry.id).questions();
    return {
      id: entry.id,
      title: entry.title ?? "Wrap-up",
      questions: questions.map((q) => ({ ...q }) as Record<string, unknown>),
      showCompleteButton: entry.showCompleteButton,
      showCancelButton: entry.showCancelButton,
      allowCloseWithoutAnswer: entry.allowCloseWithoutAnswer,
    };
  } catch (error) {
    logger?.warn("operator questionnaire unavailable", { questionnaire: entry.id, error: (error as Error).message });
    return null;
  }
}

/** The console configuration route plugin. */
export function consoleConfigRoutes(deps: { readonly auth: AuthModule; readonly config: () => Config; readonly questionnaires: QuestionnaireSource; readonly logger?: Logger }, options: GuardOptions = {}) {
  return new Elysia({ name: "console-config.routes" }).use(authGuards(deps.auth, options)).get(
    "/api/console/config",
    ({ principal, set }) => {
      set.headers["cache-control"] = "no-store";
      return consoleConfigFor(deps.config(), principal.role, deps.questionnaires, deps.logger);
    },
    {
      requireStaff: true,
      response: { 200: ConsoleConfigView },
      detail: { tags: ["console"], summary: "Console configuration", description: "What the operator console shows for the caller's role (statuses, departments, colleagues, field labels, permissions, limits, operator questionnaire). Errors: auth.required (401)." },
    },
  );
}
