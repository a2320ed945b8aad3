/**
 * YAML file → validated, defaults-filled, frozen {@link Config}. Every problem is reported (not only
 * the first) with file:line:column and key path, so `parley check-config` can list all of them:
 *
 *   1. YAML syntax (the `yaml` Document API keeps node positions);
 *   2. `${ENV}` interpolation (see interpolate.ts);
 *   3. the schema (TypeBox `Value.Default` then `Value.Errors`, messages rewritten for humans);
 *   4. semantic rules (references, uniqueness, calendars; see checks/);
 *   5. the knowledge base file, if one is named.
 * Relative paths (storage.dataDir, plugins.dir, knowledgeBase.file) come back absolute, resolved
 * against the directory of the config file, so the working directory never matters.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Value } from "@sinclair/typebox/value";
import { semanticIssues } from "./checks/semantic";
import { interpolateEnv, typeInterpolated, type Env } from "./interpolate";
import { formatIssue, formatPath, sortIssues, type ConfigIssue } from "./issue.model";
import { loadKnowledgeFile } from "./knowledge-file";
import { ConfigSchema, type Config } from "./schema";
import { schemaIssues } from "./schema-errors";
import { attachSource, YamlSource } from "./yaml-source";

/** The outcome of loading: a usable config with warnings, or every error found. */
export type LoadResult =
  | { ok: true; config: Config; file: string; warnings: string[] }
  | { ok: false; errors: ConfigIssue[] };

/** Reads and validates the config file. `env` feeds `${VAR}` references (the process environment by default). */
export function loadConfig(file: string, env: Env = process.env): LoadResult {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    const message = `cannot read the config file: ${reason}`;
    return { ok: false, errors: [{ file, line: 0, column: 0, path: "", expected: "a readable YAML file", found: reason, message }] };
  }
  return parseConfig(text, { file, env });
}

/** Options of {@link parseConfig}. */
export interface ParseOptions {
  /** The file name shown in issues; relative paths in the config resolve against its directory. */
  file: string;
  env?: Env;
}

/** Validates config text as if read from `options.file` (what {@link loadConfig} does after reading). */
export function parseConfig(text: string, options: ParseOptions): LoadResult {
  const { file, env = process.env } = options;
  const { source, issues: syntax } = YamlSource.parse(text, file);
  syntax.push(...source.unresolvedAliases());
  if (syntax.length > 0) return failed(syntax);

  const interpolation = interpolateEnv(source, env);
  const converted = source.toData();
  if (converted.issue) return failed([converted.issue]);
  const data: unknown = converted.data ?? {};
  if (typeof data !== "object" || Array.isArray(data)) {
    return failed([source.issue([], "expected a mapping of settings at the top level (server:, operators:, …)", { expected: "a mapping" })]);
  }
  typeInterpolated(data, interpolation.paths, ConfigSchema);
  const config = Value.Default(ConfigSchema, Value.Clone(data)) as Config;
  const fromEnv = new Set(interpolation.paths.map(formatPath));
  const broken = new Set(interpolation.issues.map((issue) => issue.path));
  const schemaProblems = schemaIssues(ConfigSchema, config, source)
    .filter((issue) => !broken.has(issue.path))
    .map((issue) => (fromEnv.has(issue.path) ? { ...issue, message: `${issue.message} (after \${…} substitution)` } : issue));
  const errors = [...interpolation.issues, ...schemaProblems];
  if (errors.length > 0) return failed(errors);

  resolvePaths(config, dirname(resolve(file)));
  const semantic = semanticIssues(config, source);
  errors.push(...semantic.errors);
  if (config.knowledgeBase.file !== undefined) {
    const knowledge = loadKnowledgeFile(config.knowledgeBase.file, source, ["knowledgeBase", "file"]);
    errors.push(...knowledge.issues);
    config.knowledgeBase.articles = [...config.knowledgeBase.articles, ...knowledge.articles];
  }
  if (errors.length > 0) return failed(errors);

  const warnings = [...source.doc.warnings.map((w) => source.issue([], `YAML: ${w.message}`)), ...semantic.warnings];
  deepFreeze(config);
  attachSource(config, source);
  return { ok: true, config, file: resolve(file), warnings: sortIssues(warnings).map(formatIssue) };
}

/** Makes the file-relative paths absolute, so no consumer depends on the working directory. */
export function resolvePaths(config: Config, baseDir: string): void {
  config.storage.dataDir = resolve(baseDir, config.storage.dataDir);
  if (config.plugins.dir !== undefined) config.plugins.dir = resolve(baseDir, config.plugins.dir);
  if (config.knowledgeBase.file !== undefined) config.knowledgeBase.file = resolve(baseDir, config.knowledgeBase.file);
}

function failed(errors: ConfigIssue[]): LoadResult {
  return { ok: false, errors: sortIssues(errors) };
}

/** Freezes a config snapshot so no module can change what the others see. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
