/**
 * Customer satisfaction (CSAT): "How satisfied are you?" on a 1–5 (or 1–10) scale plus an optional
 * comment. Each answer scores 100 when satisfied (4–5 of 5, 8–10 of 10) and 0 otherwise, so the
 * average over a period is the familiar "percentage of satisfied customers".
 *
 * Written exactly like a user plugin (default-exported factory, `import type` only).
 */
import type { PluginFactory, Question, QuestionnairePlugin, Static } from "../parley-plugin";

export default ((host) => {
  const { t } = host;
  const Options = t.Object({
    question: t.String({ minLength: 1, default: "How satisfied are you?", description: "the rating question shown to the visitor" }),
    scale: t.Union([t.Literal(5), t.Literal(10)], { default: 5, description: "highest rating: 5 (satisfied from 4) or 10 (satisfied from 8)" }),
    minLabel: t.String({ default: "Very dissatisfied", description: "label under the lowest rating" }),
    maxLabel: t.String({ default: "Very satisfied", description: "label under the highest rating" }),
    askComment: t.Boolean({ default: true, description: "also offer an optional free-text comment" }),
    commentLabel: t.String({ minLength: 1, default: "Anything you would like to add?", description: "label of the comment field" }),
  });
  type Options = Static<typeof Options>;

  const satisfiedFrom = (scale: number) => (scale === 10 ? 8 : 4);
  const excerpt = (text: string) => (text.length > 120 ? `${text.slice(0, 117)}...` : text);

  const questionnaire: QuestionnairePlugin<Options> = {
    kind: "questionnaire",
    id: "csat",
    description: "Customer satisfaction: a 1–5 (or 1–10) rating and an optional comment; reports the % of satisfied answers.",
    optionsSchema: Options,
    questions(options) {
      const questions: Question[] = [
        { id: "rating", type: "rating", label: options.question, required: true, min: 1, max: options.scale, minLabel: options.minLabel, maxLabel: options.maxLabel },
      ];
      if (options.askComment) questions.push({ id: "comment", type: "text", label: options.commentLabel, required: false, maxLength: 2000 });
      return questions;
    },
    score(answers, options) {
      const rating = answers.rating;
      const comment = typeof answers.comment === "string" && answers.comment.trim() !== "" ? ` — "${excerpt(answers.comment.trim())}"` : "";
      if (typeof rating !== "number") return { score: null, summary: `CSAT: no rating${comment}` };
      const satisfied = rating >= satisfiedFrom(options.scale);
      return { score: satisfied ? 100 : 0, summary: `CSAT ${rating}/${options.scale} (${satisfied ? "satisfied" : "not satisfied"})${comment}` };
    },
  };
  return questionnaire;
}) satisfies PluginFactory;
