/**
 * The quick reader of the config file, for `parley serve`'s start. The exact reader
 * ({@link parseConfig}) builds a `yaml` Document with the position of every node, which takes
 * 40–60 ms for config.example.yaml at start (a third of the cold-start budget); Bun's native YAML
 * parser reads the same file in under a millisecond but knows no positions. The quick reader takes
 * the plain data from Bun and runs it through the same steps as the exact one: `${ENV}`
 * interpolation, defaults, the schema, the semantic checks, the knowledge base file.
 *
 * It only ever accepts: at the first problem of any kind (a YAML error, a failed check, even a
 * warning) it gives up, and the exact reader runs and reports every issue at its line, as before.
 * The two parsers agree on plain YAML 1.2, but not on everything: Bun keeps the last of two equal
 * keys in a mapping where `yaml` refuses the file, and they may differ on syntax corner cases. So a
 * config the quick reader accepted is read again by the exact reader once the server listens
 * ({@link confirmQuickLoad}): a file it refuses stops the server as it would have refused to start,
 * and a value it reads differently is replaced by the exact reading (a reload of the file).
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { Value } from "@sinclair/typebox/value";
import { semanticIssues } from "./checks/semantic";
import type { CheckSource } from "./checks/check-context";
import { interpolateData, typeInterpolated, type Env } from "./interpolate";
import { formatPath, type ConfigIssue, type KeyPath } from "./issue.model";
import { deepFreeze, loadConfig, parseConfig, resolvePaths, type LoadResult, type ParseOptions } from "./load";
import { ConfigSchema, type Config } from "./schema";
import { attachSource, sourceOf, YamlSource } from "./yaml-source";

const ArticlesSchema = ConfigSchema.properties.knowledgeBase.properties.articles;

/** What the exact reader says about a config the quick reader accepted. */
export interface Confirmation {
  /** Why the file must be refused (empty when the exact reader accepts it). */
  readonly errors: ConfigIssue[];
  /** Warnings the quick reader cannot see (YAML warnings), formatted as `loadConfig` gives them. */
  readonly warnings: string[];
  /**
   * Where the exact reader, accepting the file, reads a value differently (a YAML corner case such
   * as an explicit tag), at its line; null when both read the same config. The exact reading wins.
   */
  readonly difference: ConfigIssue | null;
}

/** A config read for `serve`: the usual outcome, and, when the quick reader accepted it, how to confirm it. */
export interface QuickLoadResult {
  readonly result: LoadResult;
  /**
   * When the quick reader accepted the file: the text it read, and the exact reader's confirmation of
   * it in this process (serve runs it in a child process, src/config/confirm.process.ts, and here only
   * should that fail). Null when the exact reader already ran.
   */
  readonly confirm: { readonly text: string; readonly inProcess: () => Confirmation } | null;
}

/** Reads the config file quickly when it is valid, exactly when it is not (see the module comment). */
export function loadConfigQuickly(file: string, env: Env = process.env): QuickLoadResult {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return { result: loadConfig(file, env), confirm: null }; // it reports the missing or unreadable file
  }
  const options = { file, env };
  const config = parseConfigQuickly(text, options);
  if (!config) return { result: parseConfig(text, options), confirm: null };
  return { result: { ok: true, config, file: resolve(file), warnings: [] }, confirm: { text, inProcess: () => confirmQuickLoad(text, options, config) } };
}

/**
 * `text` read with Bun's YAML parser and validated like {@link parseConfig} does, frozen, its YAML
 * source attached lazily; null at the first problem (the exact reader then reports it).
 */
export function parseConfigQuickly(text: string, options: ParseOptions): Config | null {
  const { file, env = process.env } = options;
  const data = plainData(text);
  if (data === null || Array.isArray(data) || typeof data !== "object") return null;
  const interpolated = interpolateData(data, env);
  if (interpolated === null) return null;
  typeInterpolated(data, interpolated, ConfigSchema);
  const config = Value.Default(ConfigSchema, Value.Clone(data)) as Config;
  if (!Value.Check(ConfigSchema, config)) return null;

  resolvePaths(config, dirname(resolve(file)));
  const probe = issueProbe();
  const semantic = semanticIssues(config, probe);
  if (probe.raised || semantic.errors.length + semantic.warnings.length > 0) return null;
  if (config.knowledgeBase.file !== undefined) {
    const articles = knowledgeArticles(config.knowledgeBase.file);
    if (articles === null) return null;
    config.knowledgeBase.articles = [...config.knowledgeBase.articles, ...articles];
  }
  deepFreeze(config);
  attachSource(config, () => YamlSource.parse(text, file).source);
  return config;
}

/**
 * Reads `text` again with the exact reader: its errors if it refuses the file, else its warnings and
 * where it reads a value differently from the quick reader. The exact source is attached to
 * `accepted` for later issue positions.
 */
export function confirmQuickLoad(text: string, options: ParseOptions, accepted: Config): Confirmation {
  const exact = parseConfig(text, options);
  if (!exact.ok) return { errors: exact.errors, warnings: [], difference: null };
  const source = sourceOf(exact.config);
  if (source) attachSource(accepted, source);
  if (isDeepStrictEqual(exact.config, accepted)) return { errors: [], warnings: exact.warnings, difference: null };
  const path = firstDifference(exact.config, accepted) ?? [];
  const message = "the quick YAML reader Parley starts with read this value differently from the exact one; the exact reading applies";
  const where = source?.issue(path, message, { expected: "plain YAML 1.2" });
  const difference: ConfigIssue = where ?? { file: options.file, line: 0, column: 0, path: formatPath(path), expected: "plain YAML 1.2", found: "", message };
  return { errors: [], warnings: exact.warnings, difference };
}

/** Bun's parse of `text`, or null when it fails or holds a collection reached twice (aliases: the exact reader handles them, with its alias limit). */
function plainData(text: string): unknown {
  let data: unknown;
  try {
    data = Bun.YAML.parse(text);
  } catch {
    return null;
  }
  return reachedTwice(data) ? null : data;
}

/** Whether a collection in `data` is reached by two paths (an alias of an anchored collection, possibly a cycle). */
function reachedTwice(data: unknown): boolean {
  const seen = new Set<object>();
  const visit = (value: unknown): boolean => {
    if (value === null || typeof value !== "object") return false;
    if (seen.has(value)) return true;
    seen.add(value);
    return Object.values(value).some(visit);
  };
  return visit(data);
}

/** The articles of the knowledge base file, or null when it cannot be read or is not a valid list of articles. */
function knowledgeArticles(file: string): Config["knowledgeBase"]["articles"] | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return null;
  }
  const data = plainData(text);
  if (!Array.isArray(data)) return null;
  const filled = Value.Default(ArticlesSchema, Value.Clone(data));
  return Value.Check(ArticlesSchema, filled) ? filled : null;
}

/** A check source that only notes that an issue was raised (the quick reader then hands over to the exact one). */
function issueProbe(): CheckSource & { raised: boolean } {
  const probe = {
    raised: false,
    issue(path: KeyPath, message: string): ConfigIssue {
      probe.raised = true;
      return { file: "", line: 0, column: 0, path: formatPath(path), expected: "", found: "", message };
    },
    lineOf: () => 0,
  };
  return probe;
}

/** The first key path where two configs differ (depth first), or null when they are equal. */
function firstDifference(a: unknown, b: unknown, path: KeyPath = []): KeyPath | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return path;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const index = Array.isArray(a) ? Number(key) : key;
    const difference = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], [...path, index]);
    if (difference) return difference;
  }
  return path;
}
