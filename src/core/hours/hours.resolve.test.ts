import { describe, expect, test } from "bun:test";
import type { OpeningHoursConfig } from "../../config/schema";
import { effectiveHours, operatorOnShift, type HoursConfig } from "./hours.resolve";

const at = (iso: string) => Date.parse(iso);
const daily = (from: string, to: string): OpeningHoursConfig => ({
  timezone: "UTC",
  weekly: Object.fromEntries(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].map((d) => [d, [{ from, to }]])),
  exceptions: [],
});

const globalHours = daily("09:00", "17:00");
const salesHours = daily("12:00", "20:00");
const config: HoursConfig = {
  openingHours: globalHours,
  departments: [
    { id: "sales", name: "Sales", skills: [], openingHours: salesHours },
    { id: "support", name: "Support", skills: [] },
  ],
};
const noGlobal: HoursConfig = { departments: config.departments };

describe("effectiveHours", () => {
  test.each([
    ["department with its own hours", config, "sales", salesHours],
    ["department without hours falls back to global", config, "support", globalHours],
    ["no department → global", config, null, globalHours],
    ["unknown department (removed on reload) → global", config, "gone", globalHours],
    ["no hours anywhere → null (always open)", noGlobal, "support", null],
    ["department hours apply even without global hours", noGlobal, "sales", salesHours],
  ] as const)("%s", (_name, cfg, department, expected) => {
    expect(effectiveHours(cfg, department)).toBe(expected);
  });
});

describe("operatorOnShift", () => {
  const morning = at("2026-01-05T10:00:00Z"); // global open, sales closed
  const evening = at("2026-01-05T18:00:00Z"); // global closed, sales open
  const night = at("2026-01-05T23:00:00Z"); // everything closed
  test.each([
    ["personal shift wins over departments", { shift: daily("22:00", "06:00"), departments: ["sales"] }, [false, false, true]],
    ["department hours (sales)", { departments: ["sales"] }, [false, true, false]],
    ["department without hours uses global", { departments: ["support"] }, [true, false, false]],
    ["on shift if any of their departments is open", { departments: ["sales", "support"] }, [true, true, false]],
    ["no department → global hours", { departments: [] }, [true, false, false]],
  ] as const)("%s", (_name, operator, [m, e, n]) => {
    expect([morning, evening, night].map((t) => operatorOnShift(config, operator, t))).toEqual([m, e, n]);
  });

  test("without any schedule an operator is always on shift", () => {
    expect(operatorOnShift({ departments: [] }, { departments: [] }, at("2026-01-05T03:00:00Z"))).toBe(true);
  });
});
