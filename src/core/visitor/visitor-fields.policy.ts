/**
 * The server's check of the `fields` a visitor's `start` carries: the pre-chat form's answers and the
 * profile fields the host page set (`Parley.setUser({fields})`, `data-field-*`). The widget checks the
 * form too, but any client can open the socket, so the configuration is enforced here: only
 * configured keys, bounded values, required pre-chat answers present, select values among the
 * options. A refusal names the field (`details.field`) so the widget can point at it; nothing is
 * dropped silently.
 */
import type { FieldConfig } from "../../config/schema";
import { AppError } from "../errors";
import { EMAIL_PATTERN, FIELD_MAX_LENGTH, TEL_PATTERN } from "./visitor-fields.rules";

/** Re-exported: the limits are part of this policy's contract. */
export { FIELD_MAX_LENGTH } from "./visitor-fields.rules";

/** The two field lists of the `widget` configuration section. */
export interface VisitorFieldsConfig {
  readonly preChatFields: readonly FieldConfig[];
  readonly visitorProfileFields: readonly FieldConfig[];
}

/** Why a value was refused, in `details.reason` of a `field.invalid` error. */
export type FieldRefusal = "too_long" | "email" | "tel" | "option" | "control_characters";

/** `name` and `email` are the visitor's identity: accepted even when no form field declares them. */
const BUILT_IN: readonly FieldConfig[] = [
  { id: "name", label: "Name", type: "text", required: false },
  { id: "email", label: "E-mail", type: "email", required: false },
];

/** C0 controls other than tab, CR and LF (which only a textarea may hold), DEL and C1 controls. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LINE_BREAK = /[\r\n\t]/;

/**
 * The fields to store for a new conversation: trimmed, empty answers left out. Throws
 * `field.unknown` (a key no configured field has), `field.required` (a required pre-chat field
 * unanswered) or `field.invalid` (a value too long, malformed for its type, or not among a select's
 * options); `details` carries `field` and, for `field.invalid`, `reason`.
 */
export function checkVisitorFields(fields: Readonly<Record<string, string>> | undefined, config: VisitorFieldsConfig): Record<string, string> {
  const definitions = new Map<string, FieldConfig>();
  // Pre-chat definitions win over a profile field of the same id: the visitor answers that form.
  for (const field of [...BUILT_IN, ...config.visitorProfileFields, ...config.preChatFields]) definitions.set(field.id, field);
  const accepted: Record<string, string> = {};
  for (const [key, raw] of Object.entries(fields ?? {})) {
    const field = definitions.get(key);
    if (!field) {
      throw new AppError("field.unknown", `"${key}" is not a configured pre-chat or visitor profile field (widget.preChatFields, widget.visitorProfileFields)`, { field: key });
    }
    const value = raw.trim();
    if (value === "") continue;
    const reason = refusal(field, value);
    if (reason) throw new AppError("field.invalid", invalidMessage(field, reason), { field: key, reason });
    accepted[key] = value;
  }
  for (const field of config.preChatFields) {
    if (field.required && accepted[field.id] === undefined) {
      throw new AppError("field.required", `the pre-chat field "${field.id}" (${field.label}) is required`, { field: field.id });
    }
  }
  return accepted;
}

/** Why `value` does not fit `field`, or null when it does. */
export function refusal(field: Pick<FieldConfig, "type" | "options">, value: string): FieldRefusal | null {
  if (value.length > FIELD_MAX_LENGTH[field.type]) return "too_long";
  if (CONTROL.test(value) || (field.type !== "textarea" && LINE_BREAK.test(value))) return "control_characters";
  switch (field.type) {
    case "email":
      return EMAIL_PATTERN.test(value) ? null : "email";
    case "tel":
      return TEL_PATTERN.test(value) ? null : "tel";
    case "select":
      return (field.options ?? []).includes(value) ? null : "option";
    default:
      return null;
  }
}

function invalidMessage(field: FieldConfig, reason: FieldRefusal): string {
  switch (reason) {
    case "too_long":
      return `"${field.id}" is longer than ${FIELD_MAX_LENGTH[field.type]} characters`;
    case "control_characters":
      return `"${field.id}" contains control characters${field.type === "textarea" ? "" : " or line breaks"}`;
    case "email":
      return `"${field.id}" is not an e-mail address`;
    case "tel":
      return `"${field.id}" is not a telephone number`;
    case "option":
      return `"${field.id}" must be one of: ${(field.options ?? []).join(", ")}`;
  }
}
