/**
 * What operators and the widget draw on during a chat: canned responses, the knowledge base and
 * questionnaires.
 */
import { Type as T, type Static } from "@sinclair/typebox";
import { Id } from "./primitives";

/** A questionnaire bound to a plugin and to the moment it is offered. */
export const QuestionnaireSchema = T.Object(
  {
    id: Id,
    plugin: T.String({ minLength: 1, description: "id of a questionnaire plugin" }),
    when: T.Union([T.Literal("waiting"), T.Literal("visitorEnd"), T.Literal("operatorEnd"), T.Literal("manual")]),
    title: T.Optional(T.String()),
    options: T.Record(T.String(), T.Unknown(), { default: {} }),
    showCompleteButton: T.Boolean({ default: true, description: "operator questionnaires: a Complete button under the input area of an ended conversation whose questionnaire is not answered yet" }),
    showCancelButton: T.Boolean({ default: true, description: "operator questionnaires: a Cancel button, when allowCloseWithoutAnswer lets it be closed" }),
    allowCloseWithoutAnswer: T.Boolean({ default: true, description: "operator questionnaires: false leaves answering as the only way out, and it reopens (after a reload too) until answered" }),
  },
  { additionalProperties: false },
);

/** The `cannedResponses` section: saved answers an operator inserts by shortcut. */
export const CannedResponsesSection = T.Array(
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
);

/** The `knowledgeBase` section: articles inline and/or from a separate YAML file. */
export const KnowledgeBaseSection = T.Object(
  {
    file: T.Optional(T.String({ description: "YAML file with a list of {title, body, tags}" })),
    articles: T.Array(
      T.Object(
        {
          title: T.String({ minLength: 1 }),
          body: T.String({ minLength: 1 }),
          tags: T.Array(T.String(), { default: [] }),
          url: T.Optional(T.String({ pattern: "^https?://", maxLength: 2048, description: "the article's public page (help center): visitors get a link when answers are attributed to the knowledge base" })),
        },
        { additionalProperties: false },
      ),
      { default: [] },
    ),
  },
  { additionalProperties: false, default: {} },
);

export type QuestionnaireConfig = Static<typeof QuestionnaireSchema>;
