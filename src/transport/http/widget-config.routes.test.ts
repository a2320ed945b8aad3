import { describe, expect, test } from "bun:test";
import { testConfig } from "../../auth/auth.fixtures";
import type { Config } from "../../config/schema";
import { ManualClock } from "../../core/clock";
import { harness, type Harness } from "../../core/conversation/engine.testkit";
import { AppError } from "../../core/errors";
import type { Question } from "../../plugins/api";
import { authApp } from "./auth-http.fixtures";
import { widgetConfigRoutes, type UnavailableReason, type WidgetConfig, type WidgetConfigDeps } from "./widget-config.routes";

const SHOP = "https://shop.example.com";
const CSAT: Question[] = [{ id: "score", type: "rating", label: "How did we do?", min: 1, max: 5, required: true }];

/** The fixture clock's default time: Monday 2026-01-05 09:00 UTC. */
const MONDAY_9AM = Date.UTC(2026, 0, 5, 9, 0, 0);

async function configWith(patch: (raw: Record<string, any>) => void): Promise<Config> {
  return testConfig((raw) => {
    raw.routing = { mode: "department" };
    raw.widget = {
      title: "Talk to Acme",
      defaultLanguage: "fr",
      primaryColor: "#aa3300",
      preChatFields: [
        { id: "name", label: "Your name", required: true },
        { id: "topic", label: "Topic", type: "select", options: ["Billing", "Bug"] },
      ],
      phrases: { afterHours: "Closed — back at 9." },
    };
    raw.questionnaires = [
      { id: "exit", plugin: "csat", when: "visitorEnd", title: "Quick survey" },
      { id: "agent", plugin: "csat", when: "operatorEnd" },
      { id: "broken", plugin: "flaky", when: "manual" },
    ];
    patch(raw);
  });
}

/** The route's admission hook as src/server.ts wires it, over a test engine. */
function engineAdmission(h: Harness): WidgetConfigDeps["admission"] {
  return (department, pageUrl) => {
    const status = h.engine.admission({ department, pageUrl });
    return status === "accepted" ? null : status;
  };
}

async function fetchConfig(config: Config, extra: Partial<WidgetConfigDeps> = {}, origin = SHOP, query = "") {
  const warnings: string[] = [];
  const t = await authApp(config, (h) => [
    widgetConfigRoutes(h.auth, {
      config: () => h.config,
      now: () => MONDAY_9AM,
      questions: (id) => {
        if (id === "broken") throw new AppError("plugin.failed", "questionnaire plugin flaky is not loaded");
        return CSAT;
      },
      warn: (msg, fields) => warnings.push(`${msg}: ${fields.questionnaire}`),
      ...extra,
    }),
  ]);
  const res = await t.call(`/api/widget/config${query}`, { headers: { origin } });
  return { res, body: (await res.json()) as WidgetConfig, warnings };
}

describe("GET /api/widget/config", () => {
  test("gives the widget its title, colour, languages, pre-chat form, limits and CORS for the embedding site", async () => {
    const { res, body } = await fetchConfig(await configWith(() => {}));
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe(SHOP);
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(body).toMatchObject({
      title: "Talk to Acme",
      defaultLanguage: "fr",
      languages: ["en", "fr"],
      primaryColor: "#aa3300",
      routingMode: "department",
      maxMessageLength: 4000,
      identityVerification: true,
      phrases: { afterHours: "Closed — back at 9.", welcome: "Hello! How can we help you today?" },
    });
    expect(body.preChatFields).toEqual([
      { id: "name", label: "Your name", type: "text", required: true, options: [] },
      { id: "topic", label: "Topic", type: "select", required: false, options: ["Billing", "Bug"] },
    ]);
    expect(body.files.allowedTypes).toContain("image/png");
    expect(body.departments.map((d) => d.id)).toEqual(["sales", "support"]);
  });

  test("visitor questionnaires come with their questions; operator ones and failing plugins are left out (and logged)", async () => {
    const { body, warnings } = await fetchConfig(await configWith(() => {}));
    const expected: unknown = [{ id: "exit", when: "visitorEnd", title: "Quick survey", allowCloseWithoutAnswer: true, questions: CSAT }];
    expect(body.questionnaires as unknown).toEqual(expected);
    expect(warnings).toEqual(["questionnaire left out of the widget config: broken"]);
  });

  test("after hours: closed with the configured phrase and the next opening; a department with its own hours may be open", async () => {
    const config = await configWith((raw) => {
      raw.openingHours = { timezone: "UTC", weekly: { monday: [{ from: "13:00", to: "17:00" }] } };
      raw.departments[1].openingHours = { timezone: "UTC", weekly: { monday: [{ from: "08:00", to: "18:00" }] } };
    });
    const { body } = await fetchConfig(config);
    expect(body.availability).toEqual({ open: false, reason: "after_hours", message: "Closed — back at 9.", nextOpeningAt: Date.UTC(2026, 0, 5, 13, 0) });
    expect(body.departments.find((d) => d.id === "sales")!.availability.open).toBe(false);
    expect(body.departments.find((d) => d.id === "support")!.availability).toEqual({ open: true, reason: null, message: null, nextOpeningAt: null });
  });

  test("when wired, the admission check decides (no operator, queue full) with the matching phrase", async () => {
    const config = await configWith(() => {});
    const admission = (department: string | null): UnavailableReason | null => (department === "sales" ? "queue_full" : department === null ? "no_operator" : null);
    const { body } = await fetchConfig(config, { admission });
    expect(body.availability).toMatchObject({ open: false, reason: "no_operator", message: config.widget.phrases.noOperator, nextOpeningAt: null });
    expect(body.departments[0]!.availability).toMatchObject({ open: false, reason: "queue_full", message: config.widget.phrases.queueFull });
    expect(body.departments[1]!.availability.open).toBe(true);
  });

  test("wired to the engine: nobody connected is known before Start; a connected operator opens the departments she serves", async () => {
    const config = await configWith(() => {});
    const h = harness(config);
    const admission = engineAdmission(h);
    const before = (await fetchConfig(config, { admission })).body;
    expect(before.availability).toEqual({ open: false, reason: "no_operator", message: config.widget.phrases.noOperator, nextOpeningAt: null });
    expect(before.departments.map((d) => d.availability.reason)).toEqual(["no_operator", "no_operator"]);
    h.engine.operatorConnected("olga"); // support only
    const after = (await fetchConfig(config, { admission })).body;
    expect(after.availability.open).toBe(true);
    expect(after.departments.map((d) => [d.id, d.availability.reason])).toEqual([["sales", "no_operator"], ["support", null]]);
    expect(h.stores.conversations.rows.size).toBe(0);
  });

  test("wired to the engine: outside hours the engine says after hours, with the next opening", async () => {
    const config = await configWith((raw) => (raw.openingHours = { timezone: "UTC", weekly: { monday: [{ from: "13:00", to: "17:00" }] } }));
    const h = harness(config, { clock: new ManualClock(MONDAY_9AM) });
    h.engine.operatorConnected("olga");
    const { body } = await fetchConfig(config, { admission: engineAdmission(h) });
    expect(body.availability).toEqual({ open: false, reason: "after_hours", message: "Closed — back at 9.", nextOpeningAt: Date.UTC(2026, 0, 5, 13, 0) });
  });

  test("URL routing: the page the visitor is on decides (pageUrl query)", async () => {
    const config = await configWith((raw) => (raw.routing = { mode: "url", urlRules: [{ pattern: "*/pricing*", department: "sales" }] }));
    const h = harness(config);
    h.engine.operatorConnected("olga"); // support only
    const admission = engineAdmission(h);
    const at = async (page: string) => (await fetchConfig(config, { admission }, SHOP, `?pageUrl=${encodeURIComponent(page)}`)).body.availability.reason;
    expect(await at("https://shop.example.com/pricing/pro")).toBe("no_operator");
    expect(await at("https://shop.example.com/help")).toBeNull();
  });

  test("a site not allowed to embed the widget gets no CORS grant", async () => {
    const { res } = await fetchConfig(await configWith(() => {}), {}, "https://evil.example");
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});
