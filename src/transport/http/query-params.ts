/**
 * Query parameters every list route shares, declared once so each route refuses the same inputs with
 * the same message: a whole number in a documented range (`limit`, `before`, `since`) and a keyset
 * cursor. Elysia's `t.Numeric` checks its range only while decoding and then answers an anonymous
 * "property: …" error (or, in a minified build without the decode error's class name, none at all);
 * these check the range themselves and name the parameter, and the OpenAPI document still shows
 * `minimum`/`maximum`/`default` because the accepted number branch carries them.
 */
import { Type } from "@sinclair/typebox";
import { t } from "elysia";
import { AppError } from "../../core/errors";

/** The range (and documentation) of an integer query parameter. */
export interface IntegerParamOptions {
  readonly minimum: number;
  readonly maximum?: number;
  readonly default?: number;
  readonly description?: string;
}

/** Digits only (an optional minus sign so "-1" is refused as out of range, not as "not a number"). */
const INTEGER_TEXT = "^-?[0-9]{1,16}$";

/**
 * An integer query parameter named `name`: a string of digits on the wire, a number in the handler.
 * Text that is not a whole number, or one outside `[minimum, maximum]`, is `400 request.invalid`
 * with `query.<name>: …` as the message.
 */
export function QueryInteger(name: string, options: IntegerParamOptions) {
  const { minimum, maximum } = options;
  const range = maximum === undefined ? `at least ${minimum}` : `from ${minimum} to ${maximum}`;
  const meta = { ...options, description: options.description ? `${options.description} (an integer ${range})` : `an integer ${range}` };
  return t
    // TypeBox's plain Integer: Elysia's `t.Integer` is itself a decoding union, which would nest.
    .Transform(t.Union([t.String({ pattern: INTEGER_TEXT }), Type.Integer({ minimum, ...(maximum === undefined ? {} : { maximum }) })], meta))
    .Decode((value) => {
      const number = typeof value === "number" ? value : Number(value);
      if (!Number.isSafeInteger(number) || number < minimum || (maximum !== undefined && number > maximum)) {
        throw new AppError("request.invalid", `query.${name}: must be an integer ${range} (got ${JSON.stringify(value)})`);
      }
      return number;
    })
    .Encode((value) => value);
}

/** A keyset cursor as issued by the server (`nextCursor` / `olderCursor`): URL-safe base64, never empty. */
export function QueryCursor(description: string) {
  return t.String({ minLength: 1, maxLength: 512, pattern: "^[A-Za-z0-9_-]+$", description: `${description}; opaque, as the server issued it` });
}
