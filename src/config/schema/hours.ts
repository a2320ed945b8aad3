/**
 * Opening hours, shared by the service as a whole, departments and operators' shifts: weekly
 * windows in an IANA timezone plus dated exceptions.
 */
import { Type as T, type Static } from "@sinclair/typebox";
import { Clock } from "./primitives";

/** A time window within one day, `from` inclusive, `to` exclusive, local to the hours' timezone. */
export const TimeRangeSchema = T.Object({ from: Clock, to: Clock }, { additionalProperties: false });

const Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
/** Weekday names as written in the YAML, Monday first (ISO order). */
export const WEEKDAYS = Weekdays;
export type Weekday = (typeof Weekdays)[number];

const DayHours = T.Array(TimeRangeSchema);

/** Opening hours: weekly windows in an IANA timezone, plus dated exceptions (holidays, special days). */
export const OpeningHoursSchema = T.Object(
  {
    timezone: T.String({ default: "UTC", description: "IANA timezone, e.g. Europe/Paris" }),
    weekly: T.Object(
      {
        monday: T.Optional(DayHours),
        tuesday: T.Optional(DayHours),
        wednesday: T.Optional(DayHours),
        thursday: T.Optional(DayHours),
        friday: T.Optional(DayHours),
        saturday: T.Optional(DayHours),
        sunday: T.Optional(DayHours),
      },
      { additionalProperties: false, default: {}, description: "a missing day is closed" },
    ),
    exceptions: T.Array(
      T.Object(
        {
          date: T.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "YYYY-MM-DD in the hours' timezone", expected: "a date YYYY-MM-DD" }),
          name: T.Optional(T.String()),
          hours: T.Array(TimeRangeSchema, { default: [], description: "empty = closed all day" }),
        },
        { additionalProperties: false },
      ),
      { default: [] },
    ),
  },
  { additionalProperties: false },
);

export type OpeningHoursConfig = Static<typeof OpeningHoursSchema>;
export type TimeRange = Static<typeof TimeRangeSchema>;
