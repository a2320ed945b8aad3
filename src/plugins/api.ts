/**
 * The public plugin contract. Plugins are loaded from disk by the compiled binary, where they cannot
 * import packages or values bundled inside it, only erased `import type`s. So a plugin is a
 * factory: its default export receives a {@link PluginHost} (logger, clock, TypeBox builder,
 * read-only config) and returns its definition. This file must stay type-only, because it
 * is also published as `parley-plugin.d.ts` for plugin authors, who write
 * `import type { PluginFactory } from "./parley-plugin"` and `export default ((host) => ({…})) satisfies PluginFactory`.
 */
import type { Static, TSchema, JavaScriptTypeBuilder } from "@sinclair/typebox";

/** Conversation priorities, lowest first. */
export type Priority = "low" | "normal" | "high" | "urgent";

/** Minimal structured logger handed to plugins; lines are tagged with the plugin id. */
export interface PluginLogger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** What the host gives every plugin factory. Everything a plugin needs comes through here. */
export interface PluginHost {
  /** Parley's version, so a plugin can refuse a host it does not know. */
  readonly version: string;
  readonly logger: PluginLogger;
  /** Current time in epoch milliseconds; injected so plugins stay deterministic under test. */
  now(): number;
  /** TypeBox's builder (the same as Elysia's `t`) to declare `optionsSchema`. */
  readonly t: JavaScriptTypeBuilder;
  /** Read-only view of the parts of the config plugins may care about. */
  readonly config: Readonly<{ departments: ReadonlyArray<{ id: string; name: string; skills: readonly string[] }> }>;
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

/** What a routing strategy decides: one candidate's id, or leave the conversation in the queue. */
export type RoutingDecision =
  | { readonly operatorId: string; readonly reason: string }
  | { readonly queue: true; readonly reason: string };

/** A routing strategy: pure and fast, called on every assignment decision. */
export interface RoutingStrategy<O = unknown> {
  readonly kind: "routing";
  readonly id: string;
  readonly description?: string;
  readonly optionsSchema?: TSchema;
  /** Choose among `candidates` (never empty). Must not mutate its inputs. */
  pick(input: { conversation: RoutingConversation; candidates: readonly RoutingCandidate[]; now: number; options: O }): RoutingDecision;
}

/** One question of a questionnaire. */
export type Question =
  | { readonly id: string; readonly type: "rating"; readonly label: string; readonly required?: boolean; readonly min: number; readonly max: number; readonly minLabel?: string; readonly maxLabel?: string }
  | { readonly id: string; readonly type: "choice"; readonly label: string; readonly required?: boolean; readonly choices: readonly string[]; readonly multiple?: boolean }
  | { readonly id: string; readonly type: "text"; readonly label: string; readonly required?: boolean; readonly maxLength?: number }
  | { readonly id: string; readonly type: "yesno"; readonly label: string; readonly required?: boolean };

/** Answers keyed by question id. */
export type Answers = Readonly<Record<string, string | number | boolean | readonly string[]>>;

/** A questionnaire: its questions and how a set of answers is scored for reports. */
export interface QuestionnairePlugin<O = unknown> {
  readonly kind: "questionnaire";
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

/** The static type of a plugin's options, from its `optionsSchema`. */
export type OptionsOf<S extends TSchema> = Static<S>;
