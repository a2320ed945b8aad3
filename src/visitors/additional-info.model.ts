/**
 * The rules of a visitor's "Additional information": which values a configured field accepts and
 * how they are normalised. Pure (no storage, no clock) so every refusal is tested as data; the
 * messages name the field and the rule, because an operator reads them in the console.
 */
import type { AdditionalInfoFieldConfig } from "../config/schema";
import { AppError } from "../core/errors";

/** Longest value of a text field without `maxLength`. */
export const DEFAULT_TEXT_MAX = 200;
/** Longest value of a textarea field without `maxLength`. */
export const DEFAULT_TEXTAREA_MAX = 2000;

/** One field as the console shows it: its definition, its value and who changed it last. */
export interface AdditionalInfoFieldView {
  readonly id: string;
  readonly label: string;
  readonly type: AdditionalInfoFieldConfig["type"];
  readonly options: string[] | null;
  readonly maxLength: number | null;
  readonly value: string | null;
  readonly updatedAt: number | null;
  readonly updatedBy: string | null;
  /** The operator's name from the live configuration (their id when no longer configured). */
  readonly updatedByName: string | null;
}

/** What an edit does once checked: values to write and fields to empty. */
export interface CheckedEdit {
  readonly set: ReadonlyMap<string, string>;
  readonly clear: readonly string[];
}

/** The longest value a field accepts (null: the type bounds it). */
export function maxLengthOf(field: AdditionalInfoFieldConfig): number | null {
  if (field.type === "text") return field.maxLength ?? DEFAULT_TEXT_MAX;
  if (field.type === "textarea") return field.maxLength ?? DEFAULT_TEXTAREA_MAX;
  return null;
}

/**
 * Checks an operator's edit against the configured fields. `null` or blank empties a field.
 * Throws `field.unknown` (not configured) or `field.invalid` (wrong shape for its type) naming the field.
 */
export function checkAdditionalInfoEdit(fields: readonly AdditionalInfoFieldConfig[], values: Readonly<Record<string, string | null>>): CheckedEdit {
  const byId = new Map(fields.map((f) => [f.id, f]));
  const set = new Map<string, string>();
  const clear: string[] = [];
  for (const [id, raw] of Object.entries(values)) {
    const field = byId.get(id);
    if (!field) {
      const known = fields.map((f) => f.id).join(", ") || "none configured";
      throw new AppError("field.unknown", `unknown additional information field "${id}" (fields: ${known})`, { field: id });
    }
    const value = raw === null ? "" : normalise(field, raw);
    if (value === "") clear.push(id);
    else set.set(id, checkValue(field, value));
  }
  return { set, clear };
}

function normalise(field: AdditionalInfoFieldConfig, raw: string): string {
  return field.type === "textarea" ? raw.replace(/\r\n?/g, "\n").trim() : raw.trim();
}

function checkValue(field: AdditionalInfoFieldConfig, value: string): string {
  const invalid = (why: string) => new AppError("field.invalid", `${field.label} (${field.id}): ${why}`, { field: field.id });
  switch (field.type) {
    case "select":
      if (!(field.options ?? []).includes(value)) throw invalid(`"${value}" is not one of the options (${(field.options ?? []).join(", ")})`);
      return value;
    case "date":
      if (!isCalendarDate(value)) throw invalid(`"${value}" is not a date written YYYY-MM-DD`);
      return value;
    case "text":
      if (/[\r\n]/.test(value)) throw invalid("must be one line");
      break;
    case "textarea":
      break;
  }
  const max = maxLengthOf(field)!;
  if ([...value].length > max) throw invalid(`at most ${max} characters (got ${[...value].length})`);
  return value;
}

/** YYYY-MM-DD naming a day that exists (2025-02-30 does not). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
