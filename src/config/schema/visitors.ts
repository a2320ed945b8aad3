/**
 * What Parley keeps about visitors beyond a conversation: the "Additional information" operators
 * fill in on the visitor's record, and the acknowledgement a visitor receives by e-mail after
 * leaving an offline message.
 */
import { Type as T, type Static } from "@sinclair/typebox";
import { Id } from "./primitives";

/** One field of the visitor's additional information, edited by operators in the console. */
export const AdditionalInfoFieldSchema = T.Object(
  {
    id: Id,
    label: T.String({ minLength: 1 }),
    type: T.Union([T.Literal("text"), T.Literal("textarea"), T.Literal("select"), T.Literal("date")], {
      default: "text",
      description: "text (one line), textarea (several lines), select (one of options), date (YYYY-MM-DD)",
    }),
    options: T.Optional(T.Array(T.String({ minLength: 1 }), { description: "the choices of a select field" })),
    maxLength: T.Optional(T.Integer({ minimum: 1, maximum: 10_000, description: "longest value accepted (default 200 for text, 2000 for textarea)" })),
  },
  { additionalProperties: false },
);

/** The `visitors` section. */
export const VisitorsSection = T.Object(
  {
    additionalInfoFields: T.Array(AdditionalInfoFieldSchema, {
      default: [],
      description: "fields operators fill in on the visitor's record (shown again in their later conversations)",
    }),
  },
  { additionalProperties: false, default: {} },
);

/** A text per widget language; a missing language falls back to English. */
const Localized = (en: string, fr: string, description: string) =>
  T.Object({ en: T.String({ minLength: 1, default: en }), fr: T.String({ minLength: 1, default: fr }) }, { additionalProperties: false, default: {}, description });

/** The `offlineMessages` section: what happens after a visitor leaves an offline message. */
export const OfflineMessagesSection = T.Object(
  {
    autoReply: T.Object(
      {
        enabled: T.Boolean({ default: false, description: "e-mail the visitor an acknowledgement of their offline message (needs smtp)" }),
        subject: Localized("We received your message", "Nous avons bien reçu votre message", "%VISITOR% is replaced by the visitor's name"),
        text: Localized(
          "Hello %VISITOR%,\n\nThank you for your message. We are not available right now; we will answer you by e-mail as soon as we can.",
          "Bonjour %VISITOR%,\n\nMerci pour votre message. Nous ne sommes pas disponibles pour le moment ; nous vous répondrons par e-mail dès que possible.",
          "the body, before a copy of the visitor's message; %VISITOR% is replaced by the visitor's name",
        ),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false, default: {} },
);

export type AdditionalInfoFieldConfig = Static<typeof AdditionalInfoFieldSchema>;
export type OfflineAutoReplyConfig = Static<typeof OfflineMessagesSection>["autoReply"];
