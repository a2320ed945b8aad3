import { describe, expect, test } from "bun:test";
import { FrameParser, estimateJsonBytes } from "./frame-parser";
import { OPERATOR_COMMANDS, VISITOR_COMMANDS } from "./protocol";

const visitor = new FrameParser(VISITOR_COMMANDS, { maxTextLength: 100 });
const operator = new FrameParser(OPERATOR_COMMANDS, { maxTextLength: 100 });

describe("FrameParser", () => {
  test("accepts a well-formed visitor message from a raw string and from a decoded object", () => {
    const frame = { type: "message", id: "c-1", text: "hello" } as const;
    expect(visitor.parse(JSON.stringify(frame))).toEqual({ ok: true, command: frame });
    expect(visitor.parse(frame)).toEqual({ ok: true, command: frame });
  });

  test("refuses text that is not JSON, binary frames, arrays and scalars with request.invalid", () => {
    for (const bad of ["not json", "{\"type\":", new Uint8Array([1, 2]), [1, 2], 42, null, "\"str\""]) {
      const r = visitor.parse(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe("request.invalid");
    }
  });

  test("an unknown type is named in the error and the id is echoed", () => {
    const r = visitor.parse({ type: "explode", id: "x1" });
    expect(r).toEqual({ ok: false, error: { id: "x1", code: "request.invalid", message: expect.stringContaining("unknown command type \"explode\"") } });
  });

  test("a schema failure names the offending field", () => {
    const r = visitor.parse({ type: "read", id: "r1", seq: "five" });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("request.invalid");
      expect(r.error.message).toContain("seq");
      expect(r.error.id).toBe("r1");
    }
  });

  test("unknown properties are refused (no silent extra data)", () => {
    const r = visitor.parse({ type: "ping", id: "p", extra: 1 });
    expect(r.ok).toBe(false);
  });

  test("a missing command id is refused", () => {
    const r = visitor.parse({ type: "ping" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain("id");
  });

  test("a frame over 16 KB is refused with request.too_large, raw or decoded", () => {
    const big = { type: "message", id: "big", text: "x".repeat(17 * 1024) };
    for (const f of [JSON.stringify(big), big]) {
      const r = visitor.parse(f);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe("request.too_large");
    }
  });

  test("multi-byte text counts in bytes for raw frames", () => {
    const r = visitor.parse(JSON.stringify({ type: "message", id: "u", text: "é".repeat(9000) }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe("request.too_large");
  });

  test("text longer than the configured maximum is refused with request.too_large", () => {
    const r = operator.parse({ type: "message", id: "m", conversationId: "c", text: "y".repeat(101) });
    expect(r).toEqual({ ok: false, error: { id: "m", code: "request.too_large", message: "text is longer than 100 characters" } });
    expect(operator.parse({ type: "message", id: "m", conversationId: "c", text: "y".repeat(100) }).ok).toBe(true);
  });

  test("blank text is refused", () => {
    const r = visitor.parse({ type: "message", id: "m", text: "   \n" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain("empty");
  });

  test("operator commands validate their own shapes", () => {
    expect(operator.parse({ type: "transfer", id: "t", conversationId: "c1", toOperatorId: "bob" }).ok).toBe(true);
    expect(operator.parse({ type: "accept", id: "a" }).ok).toBe(false);
    expect(operator.parse({ type: "hello", id: "h", lastSeqs: { c1: 4, c2: 0 } }).ok).toBe(true);
    expect(operator.parse({ type: "hello", id: "h", lastSeqs: { c1: -1 } }).ok).toBe(false);
  });
});

describe("estimateJsonBytes", () => {
  test("is close to the serialised length for ordinary frames", () => {
    const v = { type: "message", id: "abc", text: "hello world", nested: { a: [1, 2, 3], b: null } };
    const real = JSON.stringify(v).length;
    const est = estimateJsonBytes(v, 1e9);
    expect(est).toBeGreaterThanOrEqual(real * 0.8);
    expect(est).toBeLessThanOrEqual(real * 1.5);
  });

  test("stops early past the limit", () => {
    const huge = Array.from({ length: 100_000 }, () => "xxxxxxxxxx");
    expect(estimateJsonBytes(huge, 1000)).toBeGreaterThan(1000);
  });
});
