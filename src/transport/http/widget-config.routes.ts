/**
 * `GET /api/widget/config`: everything the embedded widget needs before the visitor types a word —
 * title, brand colour, phrases, languages, the departments to choose from (with whether each is
 * open now), the pre-chat form, upload limits, the visitor-facing questionnaires with their questions,
 * and whether a chat can start right now (or which phrase and offline form to show instead) — the
 * engine's own admission rule, so the widget shows the offline form before the visitor presses Start.
 * Public like the widget itself; the widget API's CORS rules (server.allowedOrigins) apply.
 */
import { Elysia, t } from "elysia";
import type { AuthModule } from "../../auth/auth.module";
import type { Config } from "../../config/schema";
import { AppError } from "../../core/errors";
import { effectiveHours } from "../../core/hours/hours.resolve";
import { isOpen, nextOpening } from "../../core/hours/hours.service";
import type { Question } from "../../plugins/api";
import { QuestionSchema } from "../../plugins/questionnaire-schema";
import { widgetCors } from "./guards";

/** Languages the widget ships (its catalogs live in ui/visitor/locales; the config's defaultLanguage is one of them). */
export const WIDGET_LANGUAGES = ["en", "fr"] as const satisfies readonly Config["widget"]["defaultLanguage"][];

/** Why a new chat cannot start now; the same reasons the engine refuses with. */
export const UNAVAILABLE_REASONS = ["after_hours", "queue_closed", "queue_full", "no_operator"] as const;
/** One of {@link UNAVAILABLE_REASONS}. */
export type UnavailableReason = (typeof UNAVAILABLE_REASONS)[number];

const Nullable = <S extends Parameters<typeof t.Union>[0][number]>(s: S) => t.Union([s, t.Null()]);
const Millis = t.Integer({ minimum: 0, description: "epoch milliseconds" });

/** Whether chats can start, and if not why, what to tell the visitor and when hours resume. */
const Availability = t.Object({
  open: t.Boolean({ description: "a chat may start now" }),
  reason: Nullable(t.Union([t.Literal("after_hours"), t.Literal("queue_closed"), t.Literal("queue_full"), t.Literal("no_operator")])),
  message: Nullable(t.String({ description: "the configured phrase to show instead of starting" })),
  nextOpeningAt: Nullable(Millis),
});

/** The widget configuration as served (also the type the widget imports). */
export const WidgetConfigView = t.Object({
  title: t.String(),
  defaultLanguage: t.String(),
  languages: t.Array(t.String()),
  primaryColor: t.String(),
  phrases: t.Object({ welcome: t.String(), afterHours: t.String(), noOperator: t.String(), queueFull: t.String() }),
  routingMode: t.Union([t.Literal("department"), t.Literal("url"), t.Literal("none")]),
  departments: t.Array(t.Object({ id: t.String(), name: t.String(), description: Nullable(t.String()), availability: Availability })),
  preChatFields: t.Array(
    t.Object({
      id: t.String(),
      label: t.String(),
      type: t.Union([t.Literal("text"), t.Literal("email"), t.Literal("tel"), t.Literal("textarea"), t.Literal("select")]),
      required: t.Boolean(),
      options: t.Array(t.String()),
    }),
  ),
  availability: Availability,
  files: t.Object({ maxBytes: t.Integer({ minimum: 1 }), allowedTypes: t.Array(t.String()) }),
  maxMessageLength: t.Integer({ minimum: 1 }),
  questionnaires: t.Array(
    t.Object({
      id: t.String(),
      when: t.Union([t.Literal("waiting"), t.Literal("visitorEnd"), t.Literal("manual")]),
      title: Nullable(t.String()),
      allowCloseWithoutAnswer: t.Boolean(),
      questions: t.Array(QuestionSchema),
    }),
  ),
  identityVerification: t.Boolean({ description: "the site may link visitors to its users (userId + userHash)" }),
});
/** The static type of {@link WidgetConfigView}. */
export type WidgetConfig = typeof WidgetConfigView.static;
/** A questionnaire entry of {@link WidgetConfig}. */
export type WidgetQuestionnaire = WidgetConfig["questionnaires"][number];

/** What the route reads. Only the config is required; the rest refines the answer when wired. */
export interface WidgetConfigDeps {
  readonly config: () => Config;
  readonly now: () => number;
  /** Questions of a configured questionnaire (under the plugin guard); throws when unavailable. */
  readonly questions: (questionnaireId: string) => readonly Question[];
  /**
   * The engine's admission preview (opening hours, operators connected or free, queue room) for a
   * department and the visitor's page (URL rules); null when a chat would be accepted. Without it,
   * only the opening hours are known.
   */
  readonly admission?: (department: string | null, pageUrl: string | null) => UnavailableReason | null;
  /** Logs a questionnaire left out because its plugin failed. */
  readonly warn?: (msg: string, fields: Record<string, unknown>) => void;
}

/** The phrase the widget shows for a reason (the same phrases the engine's refusals carry). */
export function unavailablePhrase(config: Config, reason: UnavailableReason): string {
  const p = config.widget.phrases;
  return reason === "queue_full" ? p.queueFull : reason === "no_operator" ? p.noOperator : p.afterHours;
}

/** Availability for a department (or the whole service when null) at `now`, for a visitor on `pageUrl`. */
export function availabilityOf(deps: WidgetConfigDeps, config: Config, department: string | null, now: number, pageUrl: string | null = null): typeof Availability.static {
  const hours = effectiveHours(config, department);
  const reason: UnavailableReason | null = deps.admission ? deps.admission(department, pageUrl) : isOpen(hours, now) ? null : "after_hours";
  return {
    open: reason === null,
    reason,
    message: reason ? unavailablePhrase(config, reason) : null,
    nextOpeningAt: reason === "after_hours" ? nextOpening(hours, now) : null,
  };
}

/** Builds the widget configuration for the current config snapshot and time (availability for a visitor on `pageUrl`). */
export function widgetConfig(deps: WidgetConfigDeps, pageUrl: string | null = null): WidgetConfig {
  const config = deps.config();
  const now = deps.now();
  const w = config.widget;
  const questionnaires: WidgetConfig["questionnaires"] = [];
  for (const q of config.questionnaires) {
    if (q.when === "operatorEnd") continue;
    try {
      questionnaires.push({ id: q.id, when: q.when, title: q.title ?? null, allowCloseWithoutAnswer: q.allowCloseWithoutAnswer, questions: structuredClone(deps.questions(q.id)) as WidgetQuestionnaire["questions"] });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      deps.warn?.("questionnaire left out of the widget config", { questionnaire: q.id, reason: error.message });
    }
  }
  return {
    title: w.title,
    defaultLanguage: w.defaultLanguage,
    languages: [...WIDGET_LANGUAGES],
    primaryColor: w.primaryColor,
    phrases: { welcome: w.phrases.welcome, afterHours: w.phrases.afterHours, noOperator: w.phrases.noOperator, queueFull: w.phrases.queueFull },
    routingMode: config.routing.mode,
    departments: config.departments.map((d) => ({ id: d.id, name: d.name, description: d.description ?? null, availability: availabilityOf(deps, config, d.id, now, pageUrl) })),
    preChatFields: w.preChatFields.map((f) => ({ id: f.id, label: f.label, type: f.type, required: f.required, options: f.options ?? [] })),
    availability: availabilityOf(deps, config, null, now, pageUrl),
    files: { maxBytes: config.files.maxBytes, allowedTypes: [...config.files.allowedTypes] },
    maxMessageLength: config.conversations.maxMessageLength,
    questionnaires,
    identityVerification: config.auth.visitorIdentitySecret !== undefined,
  };
}

/** The route plugin (installs the widget API's CORS handling if not already there). */
export function widgetConfigRoutes(auth: AuthModule, deps: WidgetConfigDeps) {
  return new Elysia({ name: "widget-config.routes" }).use(widgetCors(auth)).get(
    "/api/widget/config",
    ({ set, query }) => {
      set.headers["cache-control"] = "no-cache";
      return widgetConfig(deps, query.pageUrl ?? null);
    },
    {
      query: t.Object({ pageUrl: t.Optional(t.String({ maxLength: 2048, description: "the page the visitor is on (URL routing rules decide availability from it)" })) }),
      response: { 200: WidgetConfigView },
      detail: {
        tags: ["widget"],
        summary: "Widget configuration",
        description:
          "Title, colour, phrases, languages, departments (each with its availability), pre-chat fields, upload limits, visitor questionnaires " +
          "and whether a chat can start now — the engine's admission rule (opening hours, operators connected or free, queue room) for the visitor's `pageUrl`. " +
          "When `availability.open` is false, show `availability.message` and the offline message form.",
      },
    },
  );
}
