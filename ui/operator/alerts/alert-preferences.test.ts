import { describe, expect, test } from "bun:test";
import { DEFAULT_ALERT_PREFERENCES, loadAlertPreferences, saveAlertPreferences } from "./alert-preferences";

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), items };
}

describe("alert preferences", () => {
  test("sounds and notifications are on until the operator turns them off", () => {
    expect(loadAlertPreferences("olga", memoryStorage())).toEqual({ sound: true, notifications: true });
    expect(loadAlertPreferences("olga", null)).toEqual(DEFAULT_ALERT_PREFERENCES);
  });

  test("each operator keeps their own choice in this browser", () => {
    const storage = memoryStorage();
    saveAlertPreferences("olga", { sound: false, notifications: true }, storage);
    expect(loadAlertPreferences("olga", storage)).toEqual({ sound: false, notifications: true });
    expect(loadAlertPreferences("mia", storage)).toEqual({ sound: true, notifications: true });
  });

  test("a damaged entry falls back to the defaults", () => {
    const storage = memoryStorage();
    storage.setItem("parley.console.alerts.olga", "{not json");
    expect(loadAlertPreferences("olga", storage)).toEqual(DEFAULT_ALERT_PREFERENCES);
    storage.setItem("parley.console.alerts.olga", JSON.stringify({ sound: "no" }));
    expect(loadAlertPreferences("olga", storage)).toEqual(DEFAULT_ALERT_PREFERENCES);
  });
});
