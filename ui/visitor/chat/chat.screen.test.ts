import { describe, expect, test } from "bun:test";
import type { WidgetConfig } from "../../../src/transport/http/widget-config.routes";
import { EMPTY_VIEW, type ChatView } from "./chat.model";
import { availabilityOf, screenOf, type ScreenInputs } from "./chat.screen";

const open = { open: true, reason: null, message: null, nextOpeningAt: null };
const config = (patch: Partial<WidgetConfig> = {}): WidgetConfig =>
  ({ availability: open, questionnaires: [{ id: "exit", when: "visitorEnd", title: null, allowCloseWithoutAnswer: true, questions: [] }], ...patch }) as WidgetConfig;
const inputs = (view: Partial<ChatView>, patch: Partial<ScreenInputs> = {}): ScreenInputs => ({
  config: config(),
  configFailed: false,
  view: { ...EMPTY_VIEW, ...view },
  offlineRequested: false,
  offlineSent: false,
  questionnaireDone: false,
  ...patch,
});

describe("which screen the panel shows", () => {
  test("loading, then welcome; unavailable when the config cannot be had", () => {
    expect(screenOf(inputs({}, { config: null }))).toBe("loading");
    expect(screenOf(inputs({}, { config: null, configFailed: true }))).toBe("unavailable");
    expect(screenOf(inputs({}))).toBe("welcome");
  });

  test("after hours (or on request, or refused) the offline form; then its confirmation", () => {
    const closed = config({ availability: { open: false, reason: "after_hours", message: "Closed", nextOpeningAt: null } });
    expect(screenOf(inputs({}, { config: closed }))).toBe("offline");
    expect(screenOf(inputs({}, { offlineRequested: true }))).toBe("offline");
    expect(screenOf(inputs({ offline: { reason: "queue_full", text: "Busy" } }))).toBe("offline");
    expect(screenOf(inputs({}, { config: closed, offlineSent: true }))).toBe("offline-sent");
  });

  test("nobody available before Start (the server's admission answer): the offline form at once", () => {
    const nobody = config({ availability: { open: false, reason: "no_operator", message: "Nobody", nextOpeningAt: null } });
    expect(screenOf(inputs({}, { config: nobody }))).toBe("offline");
  });

  test("a department chosen by the embed decides by its own availability", () => {
    const departments = [
      { id: "sales", name: "Sales", description: null, availability: { open: false, reason: "no_operator" as const, message: "Nobody in sales", nextOpeningAt: null } },
      { id: "support", name: "Support", description: null, availability: open },
    ];
    const c = config({ departments });
    expect(screenOf(inputs({}, { config: c, department: "sales" }))).toBe("offline");
    expect(availabilityOf(c, "sales").message).toBe("Nobody in sales");
    expect(screenOf(inputs({}, { config: c, department: "support" }))).toBe("welcome");
    expect(screenOf(inputs({}, { config: c }))).toBe("welcome");
    expect(screenOf(inputs({}, { config: c, department: "unknown" }))).toBe("welcome");
  });

  test("an open conversation shows the chat whatever else is true", () => {
    for (const state of ["pending", "waiting", "active"] as const) expect(screenOf(inputs({ state }, { offlineRequested: true }))).toBe("chat");
  });

  test("an ended chat shows the end questionnaire once, then the thank-you screen; without one, thanks at once", () => {
    expect(screenOf(inputs({ state: "ended", endReason: "visitor" }))).toBe("questionnaire");
    expect(screenOf(inputs({ state: "ended", endReason: "visitor" }, { questionnaireDone: true }))).toBe("ended");
    expect(screenOf(inputs({ state: "ended", endReason: "operator" }, { config: config({ questionnaires: [] }) }))).toBe("ended");
  });

  test("a waiting chat closed by the hours (never served) leads to the offline form, not a survey", () => {
    expect(screenOf(inputs({ state: "ended", endReason: "after_hours", operator: null }))).toBe("offline");
  });

  test("a visitor taken out of the queue after the maximum wait gets the offline form, not a survey", () => {
    expect(screenOf(inputs({ state: "ended", endReason: "queue_timeout", operator: null }))).toBe("offline");
  });
});
