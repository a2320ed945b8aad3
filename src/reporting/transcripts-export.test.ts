import { describe, expect, test } from "bun:test";
import { openDatabase } from "../storage/db";
import { MIN, at, seedConversations, seedEvents } from "./report.fixtures";
import { resolvePeriod } from "./report-period";
import { transcriptsCsv } from "./transcripts-export";

async function chunksOf(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  const chunks: string[] = [];
  for await (const chunk of stream) chunks.push(decoder.decode(chunk));
  return chunks;
}

describe("transcripts export", () => {
  test("pages through every conversation of the period exactly once, even when many share a start time", async () => {
    const { db } = openDatabase(":memory:");
    const t0 = at("2026-06-10T09:00:00Z");
    // 250 conversations, five per instant (ties straddle the 100-per-page boundaries), one message each.
    const ids = Array.from({ length: 250 }, (_, i) => `c${String(i).padStart(3, "0")}`);
    seedConversations(db, ids.map((id, i) => ({ id, createdAt: t0 + Math.floor(i / 5) * MIN })));
    seedEvents(db, ids.map((id, i) => ({ conversationId: id, seq: 1, actorKind: "visitor" as const, body: `message ${i}`, createdAt: t0 + Math.floor(i / 5) * MIN + 1 })));
    // Outside the period (the day before, the day after): not exported.
    seedConversations(db, [{ id: "before", createdAt: at("2026-06-09T23:59:59Z") }, { id: "after", createdAt: at("2026-06-11T00:00:00Z") }]);
    const chunks = await chunksOf(transcriptsCsv({ db, operatorName: () => null }, resolvePeriod({ from: "2026-06-10", to: "2026-06-10", timeZone: "UTC" }, t0), { department: null }));
    expect(chunks).toHaveLength(4); // header, then pages of 100, 100 and 50 conversations
    const lines = chunks.join("").split("\r\n").slice(1, -1);
    expect(lines.map((l) => l.split(",")[0])).toEqual(ids);
    expect(lines[249]).toEndWith(",1,2026-06-10 09:49:00,visitor,Visitor,message,all,message 249,");
  });
});
