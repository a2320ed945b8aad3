/**
 * The one schema of Parley's YAML configuration. It is both the runtime validator (TypeBox, the
 * library behind Elysia's `t`) and the static type every other module consumes, so a key can never
 * be documented, validated and typed three different ways. Defaults live here too: `load.ts` fills
 * them in before validation, so consumers always see a complete `Config`.
 *
 * Every key is documented with an example in config.example.yaml; a test proves that file validates.
 * The sections are written in `schema/` (primitives, hours, people, routing, content, widget,
 * infrastructure) and composed in `schema/index.ts`; this file is the one import path.
 */
export * from "./schema/index";

/** Re-exported so callers can build sub-schemas without a second TypeBox import path. */
export type { TSchema } from "@sinclair/typebox";
