/**
 * Operator wrap-up, filled in by the operator when a conversation ends: how it ended (resolved,
 * unresolved, escalated), a category from a configurable list, and notes. It feeds reports by
 * category and resolution rather than a score, so `score` is always null.
 *
 * Written exactly like a user plugin (default-exported factory, `import type` only).
 */
import type { PluginFactory, Question, QuestionnairePlugin, Static } from "../parley-plugin";

/** Resolution choices, in the order operators see them. */
const RESOLUTIONS = ["Resolved", "Unresolved", "Escalated"] as const;

export default ((host) => {
  const { t } = host;
  const Options = t.Object({
    categories: t.Array(t.String({ minLength: 1 }), {
      minItems: 1,
      uniqueItems: true,
      default: ["Question", "Technical issue", "Billing", "Complaint", "Sales", "Other"],
      description: "categories the operator picks from",
    }),
    requireCategory: t.Boolean({ default: true, description: "the operator must pick a category" }),
    requireNotes: t.Boolean({ default: false, description: "the operator must write notes" }),
    notesMaxLength: t.Integer({ minimum: 1, maximum: 20000, default: 4000, description: "longest notes accepted, in characters" }),
  });
  type Options = Static<typeof Options>;

  const excerpt = (text: string) => (text.length > 160 ? `${text.slice(0, 157)}...` : text);

  const questionnaire: QuestionnairePlugin<Options> = {
    kind: "questionnaire",
    id: "operator-wrapup",
    description: "Operator wrap-up at the end of a conversation: resolution, category and notes (not scored).",
    optionsSchema: Options,
    questions(options) {
      const questions: Question[] = [
        { id: "resolution", type: "choice", label: "How did the conversation end?", required: true, choices: RESOLUTIONS },
        { id: "category", type: "choice", label: "Category", required: options.requireCategory, choices: options.categories },
        { id: "notes", type: "text", label: "Notes", required: options.requireNotes, maxLength: options.notesMaxLength },
      ];
      return questions;
    },
    score(answers) {
      const parts = [answers.resolution, answers.category].filter((part): part is string => typeof part === "string" && part !== "");
      const notes = typeof answers.notes === "string" && answers.notes.trim() !== "" ? ` — ${excerpt(answers.notes.trim())}` : "";
      return { score: null, summary: `Wrap-up: ${parts.length > 0 ? parts.join(" · ") : "no resolution given"}${notes}` };
    },
  };
  return questionnaire;
}) satisfies PluginFactory;
