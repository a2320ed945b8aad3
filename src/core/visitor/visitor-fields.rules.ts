/**
 * The value rules of form fields, shared by the server's check of a visitor `start` and the widget's
 * own check before sending, so the browser never accepts what the server would refuse. No imports:
 * the widget bundles this file.
 */

/** The field types of `widget.preChatFields` / `widget.visitorProfileFields`. */
export type FieldType = "text" | "email" | "tel" | "textarea" | "select";

/** Longest accepted value per field type (characters, after trimming). */
export const FIELD_MAX_LENGTH: Readonly<Record<FieldType, number>> = {
  text: 200,
  email: 254,
  tel: 40,
  select: 200,
  textarea: 1000,
};

/** A plausible e-mail address: something@domain.tld, no spaces. */
export const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/** Digits with the usual separators and an optional leading +, e.g. "+33 1 23 45 67 89", "(555) 010-4477 ext. 12". */
export const TEL_PATTERN = /^\+?\(?[0-9][0-9 ().\-/]*(\s*(x|ext\.?)\s*[0-9]+)?$/i;
