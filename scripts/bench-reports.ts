/**
 * How long manager reports take on a busy instance's database: seeds a temporary SQLite file with
 * a year of conversations (default 600 a day, 8 messages each), then times the report for 30 and
 * 366 days (daily and weekly buckets) and the streamed transcripts export of a week.
 *
 *   flock /tmp/parley-bench.lock bun scripts/bench-reports.ts [--per-day 600] [--messages 8]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../src/storage/db";
import { resolvePeriod } from "../src/reporting/report-period";
import { buildReport } from "../src/reporting/report.service";
import { transcriptsCsv } from "../src/reporting/transcripts-export";

const { values } = parseArgs({ options: { "per-day": { type: "string", default: "600" }, messages: { type: "string", default: "8" } } });
const perDay = Number(values["per-day"]);
const messagesPer = Number(values.messages);
const DAYS = 400;
const DAY = 86_400_000;
const END = Date.UTC(2026, 2, 31);

const dir = mkdtempSync(join(tmpdir(), "parley-bench-reports-"));
const { db, sqlite, close } = openDatabase(join(dir, "bench.db"));
const seedStart = performance.now();
const insertConversation = sqlite.prepare(
  `insert into conversations (id, visitor_id, state, priority, department_id, operator_id, created_at, requested_at, assigned_at, first_response_at, ended_at, end_reason, last_visitor_activity_at, last_message_at)
   values (?, ?, 'ended', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
);
const insertEvent = sqlite.prepare(`insert into conversation_events (conversation_id, seq, type, actor_kind, actor_id, visibility, payload, body, created_at) values (?, ?, 'message', ?, ?, 'all', '{"file":null}', ?, ?)`);
const priorities = ["low", "normal", "high", "urgent"];
let n = 0;
sqlite.transaction(() => {
  for (let d = 0; d < DAYS; d++) {
    for (let k = 0; k < perDay; k++) {
      const id = `c${n++}`;
      const created = END - (DAYS - d) * DAY + Math.floor((k / perDay) * DAY);
      const answered = n % 10 !== 0;
      const assigned = answered ? created + 30_000 + (n % 7) * 20_000 : null;
      const first = answered ? assigned! + 15_000 + (n % 11) * 5_000 : null;
      const ended = created + 15 * 60_000;
      insertConversation.run(id, `v${n}`, priorities[n % 4]!, n % 3 === 0 ? "sales" : "support", answered ? `op${n % 20}` : null, created, created, assigned, first, ended, answered ? "operator" : "visitor", created, ended);
      for (let m = 0; m < messagesPer; m++) {
        const operator = answered && m % 2 === 1;
        insertEvent.run(id, m + 1, operator ? "operator" : "visitor", operator ? `op${n % 20}` : `v${n}`, "a message of ordinary length, about this long", created + 60_000 + m * 30_000);
      }
    }
  }
})();
console.log(`seeded ${n} conversations, ${n * messagesPer} messages in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
sqlite.exec("analyze");

const context = { db, operatorName: () => null, now: END };
function time(label: string, run: () => unknown, repeat = 3): void {
  run(); // warm the statement cache and the page cache
  const started = performance.now();
  for (let i = 0; i < repeat; i++) run();
  console.log(`${label.padEnd(44)} ${((performance.now() - started) / repeat).toFixed(1).padStart(8)} ms`);
}
const period = (days: number, granularity: "day" | "week" = "day") =>
  resolvePeriod({ from: new Date(END - days * DAY).toISOString().slice(0, 10), to: new Date(END - DAY).toISOString().slice(0, 10), timeZone: "Europe/Paris", granularity }, END);
time("report, 30 days, daily", () => buildReport(context, period(30), { department: null }));
time("report, 30 days, daily, one department", () => buildReport(context, period(30), { department: "sales" }));
time("report, 366 days, daily", () => buildReport(context, period(366), { department: null }));
time("report, 366 days, weekly", () => buildReport(context, period(366, "week"), { department: null }));

const exportStarted = performance.now();
const stream = transcriptsCsv({ db, operatorName: () => null }, period(7), { department: null });
let bytes = 0;
for await (const chunk of stream) bytes += chunk.byteLength;
const seconds = (performance.now() - exportStarted) / 1000;
console.log(`transcripts export, 7 days: ${(bytes / 1e6).toFixed(1)} MB, ${perDay * 7 * messagesPer} lines in ${seconds.toFixed(2)} s (${Math.round((perDay * 7 * messagesPer) / seconds)} lines/s)`);
close();
rmSync(dir, { recursive: true, force: true });
