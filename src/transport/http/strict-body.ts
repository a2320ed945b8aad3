/**
 * Strict JSON bodies. Elysia normalizes a body before validating it: properties the schema does not
 * declare are stripped, and an optional body that is not an object (`null`, `[1,2]`, `"x"`) skips
 * validation. A typo'd field (`{"mesage": "…"}`) was then accepted and silently ignored. Routes whose
 * body the API documents as *strict* declare it with these helpers: the raw body is checked against
 * the schema (which says `additionalProperties: false`) before Elysia touches it, and a mismatch is
 * the usual `400 request.invalid` naming the offending field (`body.mesage: Unexpected property`).
 */
import { TypeCompiler } from "@sinclair/typebox/compiler";
import type { TObject } from "@sinclair/typebox";
import { t, ValidationError } from "elysia";
import { AppError } from "../../core/errors";

type Transform = (context: { body: unknown; request: Request }) => void;

/** Whether the client sent body bytes (Elysia leaves an optional body undefined when they do not parse). */
const sentBody = (request: Request) => Number(request.headers.get("content-length") ?? 0) > 0 || request.headers.has("transfer-encoding");

function checker(schema: TObject, optional: boolean): Transform {
  const compiled = TypeCompiler.Compile(schema);
  return ({ body, request }) => {
    if (optional && (body === undefined || body === "")) {
      if (body === undefined && sentBody(request)) throw new AppError("request.invalid", "the request body could not be parsed (malformed JSON, or a content type the route does not accept)");
      return;
    }
    if (!compiled.Check(body)) throw new ValidationError("body", compiled, body);
  };
}

/** Route options for a required strict JSON body: `{ ...strictBody(Schema) }` instead of `{ body: Schema }`. */
export function strictBody<S extends TObject>(schema: S): { body: S; transform: Transform } {
  return { body: schema, transform: checker(schema, false) };
}

/** Route options for a strict body that may be left out entirely (no body at all); when sent it must be the object. */
export function optionalStrictBody<S extends TObject>(schema: S) {
  return { body: t.Optional(schema), transform: checker(schema, true) };
}
