/**
 * Net Promoter Score: "How likely are you to recommend us?" from 0 to 10 plus an optional comment.
 * Promoters (9–10) score 100, passives (7–8) 0 and detractors (0–6) −100, so the average over a
 * period is the NPS itself (from −100 to +100).
 *
 * Written exactly like a user plugin (default-exported factory, `import type` only).
 */
import type { PluginFactory, Question, QuestionnairePlugin, Static } from "../parley-plugin";

export default ((host) => {
  const { t } = host;
  const Options = t.Object({
    question: t.String({
      minLength: 1,
      default: "How likely are you to recommend us to a friend or colleague?",
      description: "the 0–10 question shown to the visitor",
    }),
    minLabel: t.String({ default: "Not at all likely", description: "label under 0" }),
    maxLabel: t.String({ default: "Extremely likely", description: "label under 10" }),
    askComment: t.Boolean({ default: true, description: "also offer an optional free-text comment" }),
    commentLabel: t.String({ minLength: 1, default: "What is the main reason for your score?", description: "label of the comment field" }),
  });
  type Options = Static<typeof Options>;

  const bucket = (rating: number) => (rating >= 9 ? { name: "promoter", score: 100 } : rating >= 7 ? { name: "passive", score: 0 } : { name: "detractor", score: -100 });
  const excerpt = (text: string) => (text.length > 120 ? `${text.slice(0, 117)}...` : text);

  const questionnaire: QuestionnairePlugin<Options> = {
    kind: "questionnaire",
    id: "nps",
    description: "Net Promoter Score: 0–10 likelihood to recommend and an optional comment; reports promoters minus detractors.",
    optionsSchema: Options,
    questions(options) {
      const questions: Question[] = [
        { id: "recommend", type: "rating", label: options.question, required: true, min: 0, max: 10, minLabel: options.minLabel, maxLabel: options.maxLabel },
      ];
      if (options.askComment) questions.push({ id: "comment", type: "text", label: options.commentLabel, required: false, maxLength: 2000 });
      return questions;
    },
    score(answers) {
      const rating = answers.recommend;
      const comment = typeof answers.comment === "string" && answers.comment.trim() !== "" ? ` — "${excerpt(answers.comment.trim())}"` : "";
      if (typeof rating !== "number") return { score: null, summary: `NPS: no rating${comment}` };
      const { name, score } = bucket(rating);
      return { score, summary: `NPS ${rating}/10 (${name})${comment}` };
    },
  };
  return questionnaire;
}) satisfies PluginFactory;
