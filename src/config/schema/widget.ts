/**
 * What the visitor sees: the widget's look, its forms and the automatic phrases of the
 * conversation.
 */
import { Type as T, type Static } from "@sinclair/typebox";
import { Id } from "./primitives";

/** A form field: pre-chat forms and the custom profile fields operators see. */
export const FieldSchema = T.Object(
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
    queueTimeout: T.String({ default: "Sorry, nobody could answer you in time. Leave us a message and we will answer by email." }),
    visitorReminder: T.String({ default: "Are you still there? The conversation will close soon without news from you." }),
    reengagement: T.String({ default: "Is there anything else I can help you with?" }),
    autoTransferNotice: T.String({ default: "You are being transferred to another operator." }),
    operatorDisconnected: T.String({ default: "Your operator has been disconnected. Please wait a moment." }),
    searchingInformation: T.String({ default: "The operator is searching for information." }),
    stillSearching: T.String({ default: "The operator is still searching for information, thank you for your patience." }),
  },
  { additionalProperties: false, default: {} },
);

/** The `widget` section: title, language, colour, forms and phrases. */
export const WidgetSection = T.Object(
  {
    title: T.String({ default: "Chat with us" }),
    defaultLanguage: T.Union([T.Literal("en"), T.Literal("fr")], { default: "en" }),
    primaryColor: T.String({ pattern: "^#[0-9a-fA-F]{6}$", default: "#1f5fbf", expected: "a colour #rrggbb" }),
    preChatFields: T.Array(FieldSchema, { default: [], description: "asked by the widget before the chat; the server enforces required fields and select options" }),
    visitorProfileFields: T.Array(FieldSchema, {
      default: [],
      description: "custom fields shown to operators, set by the host page (Parley.setUser fields, data-field-<id>); unsigned, shown as not verified; required does not apply",
    }),
    phrases: Phrases,
  },
  { additionalProperties: false, default: {} },
);

export type FieldConfig = Static<typeof FieldSchema>;
