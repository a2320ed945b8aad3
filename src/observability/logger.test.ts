import { describe, expect, test } from "bun:test";
import { ManualClock } from "../core/clock";
import { AppError } from "../core/errors";
import { createLogger, logContext } from "./logger";

const capture = (level: "debug" | "info" | "warn" | "error" = "info") => {
  const lines: string[] = [];
  const clock = new ManualClock(Date.UTC(2026, 0, 5, 9, 0, 0));
  const logger = createLogger({ level, sink: (l) => lines.push(l), clock });
  return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
};

describe("logger", () => {
  test("writes one JSON object per line with time, level, message and fields first-class", () => {
    const { logger, lines, parsed } = capture();
    logger.info("server started", { port: 8080 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain("\n");
    expect(parsed()[0]).toEqual({ t: "2026-01-05T09:00:00.000Z", level: "info", msg: "server started", port: 8080 });
  });

  test("drops lines below the level, and a level change reaches every child already handed out", () => {
    const { logger, parsed } = capture("warn");
    const child = logger.child({ plugin: "csat" });
    child.info("hidden");
    child.warn("shown");
    logger.setLevel("debug");
    child.debug("now shown");
    expect(parsed().map((l) => l.msg)).toEqual(["shown", "now shown"]);
    expect(child.enabled("debug")).toBe(true);
    logger.setLevel("error");
    expect(child.enabled("warn")).toBe(false);
  });

  test("child loggers bind fields, nest, and call-site fields win", () => {
    const { logger, parsed } = capture();
    logger.child({ requestId: "r1" }).child({ plugin: "p" }).info("x", { plugin: "override" });
    expect(parsed()[0]).toMatchObject({ requestId: "r1", plugin: "override" });
  });

  test("fields bound to the async context appear on lines logged by code that never saw them", async () => {
    const { logger, parsed } = capture();
    await logContext.run({ requestId: "req-42" }, async () => {
      await Promise.resolve();
      logger.info("deep inside a service");
    });
    logger.info("outside");
    expect(parsed()[0]).toMatchObject({ requestId: "req-42" });
    expect(parsed()[1]!.requestId).toBeUndefined();
  });

  test("errors are logged with name, message, stack and their code; cycles and bigints never throw", () => {
    const { logger, parsed } = capture();
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    logger.error("failed", { err: new AppError("conversation.not_found", "gone"), cyclic, big: 10n });
    const line = parsed()[0]!;
    expect(line.err).toMatchObject({ name: "AppError", message: "gone", code: "conversation.not_found" });
    expect(String((line.err as { stack: string }).stack)).toContain("logger.test.ts");
    expect(line.cyclic).toEqual({ a: 1, self: "[circular]" });
    expect(line.big).toBe("10");
  });
});
