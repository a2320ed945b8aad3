/**
 * Turns one inbound WebSocket frame into a validated command, or into the precise error frame the
 * client gets instead. Never throws: a malformed frame must not cost the connection.
 */
import type { Static, TObject } from "@sinclair/typebox";
import { TypeCompiler, type TypeCheck } from "@sinclair/typebox/compiler";
import type { ErrorCode } from "../../core/errors";
import { MAX_FRAME_BYTES } from "./protocol";

/** What a refused frame becomes: the body of an `error` frame. */
export interface FrameError {
  readonly id?: string;
  readonly code: ErrorCode;
  readonly message: string;
}

/** The parser's verdict on one frame. */
export type ParseResult<C> = { readonly ok: true; readonly command: C } | { readonly ok: false; readonly error: FrameError };

/** Limits applied on top of the schemas. */
export interface FrameLimits {
  /** Frames whose JSON is larger than this are refused with `request.too_large`. */
  readonly maxFrameBytes?: number;
  /** Longest `text` accepted, in characters (the configured message length). */
  readonly maxTextLength: number;
}

type CommandOfMap<M extends Record<string, TObject>> = { [K in keyof M]: Static<M[K]> }[keyof M];

/**
 * Validates frames against a command map (`type` → schema). Each schema is compiled once; lookup by
 * `type` first gives an error that names the bad field instead of a union's "no match".
 */
export class FrameParser<M extends Record<string, TObject>> {
  private readonly checks = new Map<string, TypeCheck<TObject>>();
  private readonly maxFrameBytes: number;
  private readonly typeList: string;

  constructor(commands: M, private readonly limits: FrameLimits) {
    for (const [type, schema] of Object.entries(commands)) this.checks.set(type, TypeCompiler.Compile(schema));
    this.maxFrameBytes = limits.maxFrameBytes ?? MAX_FRAME_BYTES;
    this.typeList = [...this.checks.keys()].join(", ");
  }

  /**
   * Parse a frame as received: a raw string (exact size check, then JSON), or a value the framework
   * already JSON-decoded (size estimated from its content). Binary frames are refused.
   */
  parse(frame: unknown): ParseResult<CommandOfMap<M>> {
    let value = frame;
    if (typeof frame === "string") {
      if (frame.length > this.maxFrameBytes || Buffer.byteLength(frame) > this.maxFrameBytes) return tooLarge(this.maxFrameBytes);
      try {
        value = JSON.parse(frame);
      } catch {
        return invalid("frame is not valid JSON");
      }
    } else if (frame instanceof Uint8Array || frame instanceof ArrayBuffer) {
      return invalid("binary frames are not supported; send JSON text");
    } else if (estimateJsonBytes(frame, this.maxFrameBytes) > this.maxFrameBytes) {
      return tooLarge(this.maxFrameBytes, idOf(frame));
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) return invalid("a frame must be a JSON object with a \"type\"");
    const id = idOf(value);
    const type = (value as { type?: unknown }).type;
    if (typeof type !== "string") return invalid("missing \"type\"", id);
    const check = this.checks.get(type);
    if (!check) return invalid(`unknown command type "${type.slice(0, 40)}"; expected one of: ${this.typeList}`, id);
    if (!check.Check(value)) {
      const first = check.Errors(value).First();
      const where = first?.path ? first.path.slice(1).replaceAll("/", ".") : "frame";
      return invalid(`${type}: ${where || "frame"}: ${first?.message ?? "does not match the schema"}`, id);
    }
    const text = (value as { text?: unknown }).text;
    if (typeof text === "string") {
      if (text.length > this.limits.maxTextLength) return { ok: false, error: { id, code: "request.too_large", message: `text is longer than ${this.limits.maxTextLength} characters` } };
      if (text.trim() === "") return invalid(`${type}: text is empty`, id);
    }
    return { ok: true, command: value as CommandOfMap<M> };
  }
}

const invalid = (message: string, id?: string): ParseResult<never> => ({ ok: false, error: { id, code: "request.invalid", message } });
const tooLarge = (max: number, id?: string): ParseResult<never> => ({ ok: false, error: { id, code: "request.too_large", message: `frame is larger than ${max} bytes` } });

/** The frame's `id` when it looks like one, so even a refused command can be matched by the client. */
function idOf(value: unknown): string | undefined {
  const id = typeof value === "object" && value !== null ? (value as { id?: unknown }).id : undefined;
  return typeof id === "string" && id.length <= 64 ? id : undefined;
}

/**
 * Size of a decoded JSON value as it would be serialised (UTF-16 length for strings, which under-counts
 * only non-ASCII text), stopping as soon as `limit` is passed so a huge frame costs no more than the limit.
 */
export function estimateJsonBytes(value: unknown, limit: number): number {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && total <= limit) {
    const v = stack.pop();
    if (typeof v === "string") total += v.length + 2;
    else if (typeof v === "number" || typeof v === "boolean") total += 8;
    else if (v === null || v === undefined) total += 4;
    else if (Array.isArray(v)) {
      total += 2 + v.length;
      for (const item of v) stack.push(item);
    } else if (typeof v === "object") {
      for (const key in v as Record<string, unknown>) {
        total += key.length + 4;
        stack.push((v as Record<string, unknown>)[key]);
      }
      total += 2;
    }
  }
  return total;
}
