// Parley plugin contract — generated from src/plugins/api.ts, do not edit.
// Parley rewrites this file at start when it changes. Write plugins next to it:
//   import type { PluginFactory } from "./parley-plugin";
//   export default ((host) => ({ kind: "routing", id: "my-strategy", pick: (input) => … })) satisfies PluginFactory;
// Only `import type` is allowed: the Parley binary cannot hand value imports to plugins. Guide: docs/plugins.md
/**
 * The public plugin contract. Plugins are loaded from disk by the compiled binary, where they cannot
 * import packages or values bundled inside it, only erased `import type`s. So a plugin is a
 * factory: its default export receives a {@link PluginHost} (logger, clock, schema builder,
 * read-only config) and returns its definition.
 *
 * This file is type-only and self-contained (no package imports) because it is published verbatim
 * as `parley-plugin.d.ts` for plugin authors, who write
 * `import type { PluginFactory } from "./parley-plugin"` and
 * `export default ((host) => ({…})) satisfies PluginFactory`.
 * After editing it, regenerate the published copy: `bun src/plugins/contract-file.ts --write`.
 */

/** Conversation priorities, lowest first. */
export type Priority = "low" | "normal" | "high" | "urgent";

/**
 * A JSON schema built with `host.t` (TypeBox at runtime). Opaque to plugins: only its `static`
 * type matters, so `Static<typeof MyOptions>` gives the options' TypeScript type.
 */
export interface TSchema {
  readonly static: unknown;
}

/** A schema whose accepted values have the TypeScript type `V`. */
export interface Schema<V> extends TSchema {
  readonly static: V;
}

/** A schema marked optional by `t.Optional`, so its key may be absent from the enclosing object. */
export interface OptionalSchema<V> extends Schema<V> {
  readonly "~optional"?: true;
}

/** The TypeScript type of the values a schema accepts. */
export type Static<S extends TSchema> = S["static"];

/** The static type of a plugin's options, from its `optionsSchema`. */
export type OptionsOf<S extends TSchema> = Static<S>;

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type OptionalKeys<P> = { [K in keyof P]: P[K] extends { readonly "~optional"?: true } ? K : never }[keyof P];
/** The static type of `t.Object(properties)`: keys wrapped in `t.Optional` become optional. */
export type ObjectStatic<P extends Record<string, TSchema>> = Simplify<
  { [K in Exclude<keyof P, OptionalKeys<P>>]: P[K]["static"] } & { [K in OptionalKeys<P>]?: P[K]["static"] }
>;

/** Annotations every schema accepts; `default` fills a missing option, `description` documents it. */
export interface SchemaOptions {
  readonly description?: string;
  readonly default?: unknown;
  readonly title?: string;
  readonly examples?: unknown;
  readonly [keyword: string]: unknown;
}

/** String constraints (JSON Schema keywords). */
export interface StringOptions extends SchemaOptions {
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: string;
}

/** Number and integer constraints (JSON Schema keywords). */
export interface NumberOptions extends SchemaOptions {
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly multipleOf?: number;
}

/** Array constraints (JSON Schema keywords). */
export interface ArrayOptions extends SchemaOptions {
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
}

/** Object constraints; `additionalProperties: true` lets unknown option keys through silently. */
export interface ObjectOptions extends SchemaOptions {
  readonly additionalProperties?: boolean;
}

/**
 * The subset of TypeBox's builder (the same as Elysia's `t`) that plugins may use to declare
 * `optionsSchema`. At runtime it is TypeBox itself, so its full documentation applies.
 */
export interface PluginTypeBuilder {
  String(options?: StringOptions): Schema<string>;
  Number(options?: NumberOptions): Schema<number>;
  Integer(options?: NumberOptions): Schema<number>;
  Boolean(options?: SchemaOptions): Schema<boolean>;
  Literal<V extends string | number | boolean>(value: V, options?: SchemaOptions): Schema<V>;
  Union<S extends TSchema[]>(schemas: [...S], options?: SchemaOptions): Schema<S[number]["static"]>;
  Array<S extends TSchema>(items: S, options?: ArrayOptions): Schema<Array<S["static"]>>;
  Object<P extends Record<string, TSchema>>(properties: P, options?: ObjectOptions): Schema<ObjectStatic<P>>;
  Record<S extends TSchema>(key: Schema<string>, value: S, options?: ObjectOptions): Schema<Record<string, S["static"]>>;
  Optional<S extends TSchema>(schema: S): OptionalSchema<S["static"]>;
}

/** Minimal structured logger handed to plugins; lines are tagged with the plugin id. */
export interface PluginLogger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** A department as plugins see it: enough to prefer operators by skill. */
export interface PluginDepartment {
  readonly id: string;
  readonly name: string;
  /** Skills a conversation of this department requires. */
  readonly skills: readonly string[];
}

/** What the host gives every plugin factory. Everything a plugin needs comes through here. */
export interface PluginHost {
  /** Parley's version, so a plugin can refuse a host it does not know. */
  readonly version: string;
  /** Lines are tagged with the plugin id (and file), so admins know who logged them. */
  readonly logger: PluginLogger;
  /** Current time in epoch milliseconds; injected so plugins stay deterministic under test. */
  now(): number;
  /** TypeBox's builder (the same as Elysia's `t`) to declare `optionsSchema`. */
  readonly t: PluginTypeBuilder;
  /** Read-only view of the parts of the config plugins may care about (frozen; rebuilt on reload). */
  readonly config: Readonly<{ departments: readonly PluginDepartment[] }>;
}

/** An operator the core has already found eligible: connected, accepting, within shift and below capacity. */
export interface RoutingCandidate {
  readonly id: string;
  readonly name: string;
  readonly departments: readonly string[];
  readonly skills: readonly string[];
  /** Conversations currently assigned (active) to this operator. */
  readonly activeConversations: number;
  /** This operator's maximum concurrent conversations. */
  readonly capacity: number;
  /** Epoch ms of the last assignment to this operator, 0 if never. */
  readonly lastAssignedAt: number;
  /** Epoch ms since when the operator has been continuously available. */
  readonly availableSince: number;
}

/** The conversation being routed, as a strategy sees it. */
export interface RoutingConversation {
  readonly id: string;
  readonly priority: Priority;
  readonly department: string | null;
  /** Skills required (from the department and the conversation itself). */
  readonly requiredSkills: readonly string[];
  readonly createdAt: number;
  readonly pageUrl: string | null;
  /** Operators who handled this conversation before, most recent last. */
  readonly previousOperatorIds: readonly string[];
  readonly language: string | null;
}

/** What a strategy's `pick` receives. Read-only: never sort or edit it in place (copy first). */
export interface RoutingInput<O = unknown> {
  readonly conversation: RoutingConversation;
  /** Never empty. */
  readonly candidates: readonly RoutingCandidate[];
  /** Epoch ms of this decision; use it instead of reading a clock, so decisions are reproducible. */
  readonly now: number;
  /** The configured options, validated against `optionsSchema` with its defaults filled in. */
  readonly options: O;
}

/** What a routing strategy decides: one candidate's id, or leave the conversation in the queue. */
export type RoutingDecision =
  | { readonly operatorId: string; readonly reason: string }
  | { readonly queue: true; readonly reason: string };

/** A routing strategy: pure, synchronous and fast, called on every assignment decision. */
export interface RoutingStrategy<O = unknown> {
  readonly kind: "routing";
  /** Lower-case id referenced by `routing.strategy` in the YAML: letters, digits, - and _. */
  readonly id: string;
  readonly description?: string;
  readonly optionsSchema?: TSchema;
  /** Choose among `input.candidates`. Must not mutate its inputs; must return synchronously. */
  pick(input: RoutingInput<O>): RoutingDecision;
}

/** One question of a questionnaire. */
export type Question =
  | { readonly id: string; readonly type: "rating"; readonly label: string; readonly required?: boolean; readonly min: number; readonly max: number; readonly minLabel?: string; readonly maxLabel?: string }
  | { readonly id: string; readonly type: "choice"; readonly label: string; readonly required?: boolean; readonly choices: readonly string[]; readonly multiple?: boolean }
  | { readonly id: string; readonly type: "text"; readonly label: string; readonly required?: boolean; readonly maxLength?: number }
  | { readonly id: string; readonly type: "yesno"; readonly label: string; readonly required?: boolean };

/** Answers keyed by question id (already validated against the questions when `score` sees them). */
export type Answers = Readonly<Record<string, string | number | boolean | readonly string[]>>;

/** A questionnaire: its questions and how a set of answers is scored for reports. */
export interface QuestionnairePlugin<O = unknown> {
  readonly kind: "questionnaire";
  /** Lower-case id referenced by `questionnaires[].plugin` in the YAML. */
  readonly id: string;
  readonly description?: string;
  readonly optionsSchema?: TSchema;
  questions(options: O): readonly Question[];
  /** A number for reports (e.g. CSAT %) and a one-line summary for the transcript. */
  score(answers: Answers, options: O): { score: number | null; summary: string };
}

/** Any plugin definition. */
export type PluginDefinition = RoutingStrategy<any> | QuestionnairePlugin<any>;

/** The shape of a plugin module's default export. */
export type PluginFactory = (host: PluginHost) => PluginDefinition | readonly PluginDefinition[];
