import { describe, expect, test } from "bun:test";
import { PASSWORDS, testConfig } from "../../auth/auth.fixtures";
import { MIN, at, seedConversations, seedEvents } from "../../reporting/report.fixtures";
import { CONSOLE, authApp, consolePost, cookiePair, testGuardOptions } from "./auth-http.fixtures";
import { reportsRoutes } from "./reports.routes";

const NOW = at("2026-03-31T10:00:00Z");

async function setup() {
  const config = await testConfig((raw) => {
    raw.openingHours = { timezone: "Europe/Paris", weekly: {} };
  });
  let seed!: () => void;
  const app = await authApp(config, (h) => {
    h.clock.set(NOW);
    seed = () => {
      // Monday 30th 00:30 in Paris, Sunday 29th 22:30 in UTC; a visitor wrote a formula as their name.
      const t0 = at("2026-03-29T22:30:00Z");
      seedConversations(h.db.db, [{ id: "c1", createdAt: t0, department: "support", operatorId: "olga", assignedAt: t0 + MIN, firstResponseAt: t0 + 2 * MIN, visitorName: "=cmd|' /C calc'!A0", visitorEmail: "sam@example.com" }]);
      seedEvents(h.db.db, [
        { conversationId: "c1", seq: 1, actorKind: "visitor", body: "Hello, my order \"42\" is late", createdAt: t0 + 30_000 },
        { conversationId: "c1", seq: 2, actorKind: "operator", actorId: "olga", body: "Checking,\nplease wait", createdAt: t0 + 2 * MIN },
        { conversationId: "c1", seq: 3, type: "note", actorKind: "operator", actorId: "olga", body: "@courier delay", createdAt: t0 + 3 * MIN },
      ]);
    };
    return [reportsRoutes({ auth: h.auth, db: h.db.db, clock: h.clock, config: () => config }, testGuardOptions)];
  });
  seed();
  const signIn = async (who: "olga" | "mia") => {
    const res = await app.call("/api/auth/login", consolePost({ email: `${who}@example.com`, password: PASSWORDS[who] }));
    const cookie = cookiePair(res);
    return (path: string) => app.call(path, { headers: { cookie, origin: CONSOLE } });
  };
  return { app, signIn };
}

describe("GET /api/manager/reports", () => {
  test("a manager gets the series in the instance's time zone; ?tz= reads the same data in another", async () => {
    const { signIn } = await setup();
    const get = await signIn("mia");
    const res = await get("/api/manager/reports?from=2026-03-29&to=2026-03-30");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const report = (await res.json()) as any;
    expect(report).toMatchObject({ from: "2026-03-29", to: "2026-03-30", timeZone: "Europe/Paris", granularity: "day", department: null, generatedAt: NOW });
    expect(report.series.map((p: any) => [p.key, p.started, p.visitorMessages, p.operatorMessages])).toEqual([["2026-03-29", 0, 0, 0], ["2026-03-30", 1, 1, 1]]);
    expect(report.byOperator).toEqual([expect.objectContaining({ operatorId: "olga", name: "Olga Operator", handled: 1, messages: 1 })]);
    const utc = (await (await get("/api/manager/reports?from=2026-03-29&to=2026-03-30&tz=UTC")).json()) as any;
    expect(utc.series.map((p: any) => p.started)).toEqual([1, 0]);
  });

  test("without dates: the 30 days ending today; a department filter and weekly buckets", async () => {
    const { signIn } = await setup();
    const get = await signIn("mia");
    const r = (await (await get("/api/manager/reports")).json()) as any;
    expect([r.from, r.to, r.series.length]).toEqual(["2026-03-02", "2026-03-31", 30]);
    const sales = (await (await get("/api/manager/reports?department=sales&granularity=week&from=2026-03-23&to=2026-04-05")).json()) as any;
    expect(sales.series.map((p: any) => [p.key, p.started])).toEqual([["2026-03-23", 0], ["2026-03-30", 0]]);
  });

  test("operators are refused, anonymous callers must sign in", async () => {
    const { app, signIn } = await setup();
    const olga = await signIn("olga");
    for (const path of ["/api/manager/reports", "/api/manager/reports/export.csv", "/api/manager/reports/transcripts.csv"]) {
      const res = await olga(path);
      expect(res.status).toBe(403);
      expect(((await res.json()) as any).error.code).toBe("auth.forbidden");
      expect((await app.call(path)).status).toBe(401);
    }
  });

  test("bad input is a precise request.invalid", async () => {
    const { signIn } = await setup();
    const get = await signIn("mia");
    const error = async (path: string) => {
      const res = await get(path);
      expect(res.status).toBe(400);
      const body = (await res.json()) as any;
      expect(body.error.code).toBe("request.invalid");
      return body.error.message as string;
    };
    expect(await error("/api/manager/reports?from=29/03/2026")).toBe("query.from: expected a date YYYY-MM-DD");
    expect(await error("/api/manager/reports?from=2026-02-30&to=2026-03-01")).toContain("not a calendar date");
    expect(await error("/api/manager/reports?from=2026-03-02&to=2026-03-01")).toContain("before");
    expect(await error("/api/manager/reports?from=2024-01-01&to=2026-01-01")).toContain("at most 366");
    expect(await error("/api/manager/reports?tz=Nowhere/Land")).toContain("query.tz");
    expect(await error("/api/manager/reports?granularity=month")).toStartWith("query.granularity");
    expect(await error("/api/manager/reports/export.csv?table=everything")).toStartWith("query.table");
  });
});

describe("CSV exports", () => {
  test("the report series as a CSV download, one line per day and a total", async () => {
    const { signIn } = await setup();
    const res = await (await signIn("mia"))("/api/manager/reports/export.csv?from=2026-03-29&to=2026-03-30&department=support");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="parley-report-series-support-2026-03-29_2026-03-30.csv"');
    const lines = (await res.text()).replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines[0]).toStartWith("date,started,answered,abandoned,missed,ended,visitor_messages,operator_messages,avg_wait_s,avg_first_response_s");
    expect(lines.slice(1).map((l) => l.split(",").slice(0, 3).join(","))).toEqual(["2026-03-29,0,0", "2026-03-30,1,1", "total,1,1"]);
  });

  test("the operators table", async () => {
    const { signIn } = await setup();
    const text = await (await (await signIn("mia"))("/api/manager/reports/export.csv?from=2026-03-30&to=2026-03-30&table=operators")).text();
    expect(text.replace(/^\uFEFF/, "")).toBe("operator_id,operator,handled,messages,avg_first_response_s,avg_handling_s,satisfaction,satisfaction_answers\r\nolga,Olga Operator,1,1,60,540,,0\r\n");
  });

  test("transcripts: one escaped line per message or note, local times, formula-like text defused", async () => {
    const { signIn } = await setup();
    const res = await (await signIn("mia"))("/api/manager/reports/transcripts.csv?from=2026-03-30&to=2026-03-30");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="parley-transcripts-2026-03-30_2026-03-30.csv"');
    // Response.text() drops a BOM: read the bytes to see what a spreadsheet receives.
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.startsWith("\uFEFFconversation_id,conversation_started,visitor_name,visitor_email,department,priority,status,end_reason,operator,seq,time,author_role,author,type,visibility,text,attachment\r\n")).toBe(true);
    const facts = `c1,2026-03-30 00:30:00,'=cmd|' /C calc'!A0,sam@example.com,support,normal,ended,operator,Olga Operator`;
    expect(text.split("\r\n").slice(1)).toEqual([
      `${facts},1,2026-03-30 00:30:30,visitor,'=cmd|' /C calc'!A0,message,all,"Hello, my order ""42"" is late",`,
      `${facts},2,2026-03-30 00:32:00,operator,Olga Operator,message,all,"Checking,\nplease wait",`,
      `${facts},3,2026-03-30 00:33:00,operator,Olga Operator,note,staff,'@courier delay,`,
      "",
    ]);
  });

  test("a period without conversations exports the header only", async () => {
    const { signIn } = await setup();
    const text = await (await (await signIn("mia"))("/api/manager/reports/transcripts.csv?from=2026-01-01&to=2026-01-31")).text();
    expect(text.split("\r\n")).toHaveLength(2);
  });
});
