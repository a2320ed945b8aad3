/**
 * Navigation inside a TypeBox schema by key path. Errors need the schema of the key they point at
 * (to say what was expected, to suggest a known key), environment interpolation needs it to turn
 * `"8080"` into a number where a number is wanted, and the example-coverage test needs every key.
 */
import type { TSchema } from "@sinclair/typebox";
import type { KeyPath } from "./issue.model";

type AnySchema = TSchema & {
  properties?: Record<string, TSchema>;
  items?: TSchema;
  patternProperties?: Record<string, TSchema>;
  anyOf?: TSchema[];
};

/** The schema that governs `path` inside `root`, or undefined if the path leaves the schema. */
export function schemaAt(root: TSchema, path: KeyPath): TSchema | undefined {
  let schema: AnySchema | undefined = root as AnySchema;
  for (const segment of path) {
    if (!schema) return undefined;
    schema = childSchema(schema, segment);
  }
  return schema;
}

function childSchema(schema: AnySchema, segment: string | number): AnySchema | undefined {
  if (schema.properties) return schema.properties[String(segment)] as AnySchema | undefined;
  if (schema.patternProperties) return Object.values(schema.patternProperties)[0] as AnySchema | undefined;
  if (schema.items && /^\d+$/.test(String(segment))) return schema.items as AnySchema;
  return undefined;
}

/** The keys an object schema accepts (for "did you mean …" suggestions). */
export function knownKeys(schema: TSchema | undefined): string[] {
  const properties = (schema as AnySchema | undefined)?.properties;
  return properties ? Object.keys(properties) : [];
}

/**
 * Every key path the schema defines, lists written as `[]`: `server.port`, `operators[].shift.timezone`.
 * Records (free-form options) stop at their own key: their contents belong to plugins.
 */
export function keyPaths(root: TSchema): string[] {
  const out: string[] = [];
  const walk = (schema: AnySchema, prefix: string): void => {
    if (schema.items) return walk(schema.items as AnySchema, `${prefix}[]`);
    if (!schema.properties) return;
    for (const [key, child] of Object.entries(schema.properties)) {
      const path = prefix === "" ? key : `${prefix}.${key}`;
      out.push(path);
      walk(child as AnySchema, path);
    }
  };
  walk(root as AnySchema, "");
  return out;
}
