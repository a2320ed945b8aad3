/**
 * Test fixtures for plugins: hosts on a manual clock, a logger that records lines, built-ins by id,
 * and candidates/conversations with sensible defaults so each test states only what it is about.
 */
import { ManualClock } from "../core/clock";
import type { PluginDefinition, PluginLogger, QuestionnairePlugin, RoutingCandidate, RoutingConversation, RoutingStrategy } from "./api";
import { BUILTIN_PLUGINS } from "./builtins";
import { createPluginHost, type HostContext } from "./host";
import { instantiate } from "./loader";
import { resolveOptions } from "./options";

/** One recorded log line. */
export interface LogLine {
  readonly level: "debug" | "info" | "warn" | "error";
  readonly msg: string;
  readonly fields: Record<string, unknown>;
}

/** A logger that keeps its lines for assertions. */
export function recordingLogger(): PluginLogger & { readonly lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine["level"]) => (msg: string, fields: Record<string, unknown> = {}) => void lines.push({ level, msg, fields });
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

/** Departments used across plugin tests. */
export const TEST_DEPARTMENTS: HostContext["departments"] = [
  { id: "sales", name: "Sales", skills: ["sales"] },
  { id: "support", name: "Support", skills: ["tech"] },
];

/** A host context on a manual clock with {@link TEST_DEPARTMENTS}. */
export function testHostContext(overrides: Partial<HostContext> = {}): HostContext {
  return { version: "0.0.0-test", clock: new ManualClock(), logger: recordingLogger(), departments: TEST_DEPARTMENTS, ...overrides };
}

/** The built-in definition with this id, made with a test host. */
export function builtin(id: string, context: HostContext = testHostContext()): PluginDefinition {
  for (const { factory } of BUILTIN_PLUGINS) {
    const made = instantiate(factory, "builtin", (source) => createPluginHost(context, source));
    const found = made.definitions.find((d) => d.id === id);
    if (found) return found;
  }
  throw new Error(`no built-in plugin "${id}"`);
}

/** A built-in routing strategy by id. */
export function builtinStrategy(id: string, context?: HostContext): RoutingStrategy<any> {
  const definition = builtin(id, context);
  if (definition.kind !== "routing") throw new Error(`"${id}" is not a routing strategy`);
  return definition;
}

/** A built-in questionnaire by id. */
export function builtinQuestionnaire(id: string, context?: HostContext): QuestionnairePlugin<any> {
  const definition = builtin(id, context);
  if (definition.kind !== "questionnaire") throw new Error(`"${id}" is not a questionnaire`);
  return definition;
}

/** Options for a plugin, validated with defaults filled (throws on invalid options: a test bug). */
export function optionsFor(plugin: PluginDefinition, raw: Record<string, unknown> = {}): any {
  const result = resolveOptions(plugin, raw);
  if (!result.ok) throw new Error(`invalid options: ${JSON.stringify(result.issues)}`);
  return result.options;
}

/** An available operator with one free slot of three, never assigned. */
export function candidate(id: string, overrides: Partial<RoutingCandidate> = {}): RoutingCandidate {
  return { id, name: id.toUpperCase(), departments: [], skills: [], activeConversations: 0, capacity: 3, lastAssignedAt: 0, availableSince: 0, ...overrides };
}

/** A normal-priority conversation with no department, skills or language. */
export function conversation(overrides: Partial<RoutingConversation> = {}): RoutingConversation {
  return { id: "c1", priority: "normal", department: null, requiredSkills: [], createdAt: 1_000, pageUrl: null, previousOperatorIds: [], language: null, ...overrides };
}
