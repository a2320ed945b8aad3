/**
 * The small building blocks the configuration sections share: ids, durations, times of day and
 * rate limits. Patterned strings carry an `expected` option: the phrase load.ts prints in errors
 * ("expected an e-mail address") instead of the raw regular expression.
 */
import { Type as T } from "@sinclair/typebox";

/** Ids of operators, departments, statuses and questionnaires: safe in URLs, logs and YAML keys. */
export const Id = T.String({
  pattern: "^[a-z0-9][a-z0-9_-]{0,63}$",
  description: "lower-case id: letters, digits, - and _",
  expected: "a lower-case id (a-z, 0-9, - and _, at most 64 characters)",
});

/** A non-negative duration in minutes with its default; the unit lives in the key's name. */
export const Minutes = (description: string, def: number) => T.Number({ minimum: 0, default: def, description });

/** A non-negative duration in seconds (same shape as `Minutes`; the key's name says the unit). */
export const Seconds = Minutes;

/** A time of day HH:MM; 24:00 is allowed so a window can run to midnight. */
export const Clock = T.String({ pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$", description: "time of day HH:MM", expected: "a time of day HH:MM (00:00 to 24:00)" });

/** A per-minute limit with an optional burst; every limit can be turned off with 0. */
export const RateLimit = (perMinute: number, description: string) =>
  T.Object(
    { perMinute: T.Integer({ minimum: 0, default: perMinute, description: "0 disables the limit" }), burst: T.Optional(T.Integer({ minimum: 1 })) },
    { additionalProperties: false, default: {}, description },
  );
