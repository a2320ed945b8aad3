/**
 * What a semantic check receives: the schema-valid config and a way to report an error or a warning
 * at a key path. Checks stay plain functions over data, so each rule is one small, testable piece.
 */
import type { Config } from "../schema";
import type { ConfigIssue, IssueDetail, IssueLocator, KeyPath } from "../issue.model";

/** Reporting surface handed to every check. */
export interface CheckContext {
  readonly config: Config;
  /** Refuses the config: the problem must be fixed before Parley starts or reloads. */
  error(path: KeyPath, message: string, detail?: IssueDetail): void;
  /** Accepts the config but tells the admin something will not work as they may expect. */
  warn(path: KeyPath, message: string, detail?: IssueDetail): void;
  /** Line where `path` is written, to say where the first of two duplicates is. */
  lineOf(path: KeyPath): number;
}

/** Where the checks' issues are located: the YAML file (or, for the quick loader, a probe that only notes that one was raised). */
export interface CheckSource extends IssueLocator {
  lineOf(path: KeyPath): number;
}

/** One semantic rule. */
export type ConfigCheck = (context: CheckContext) => void;

/** Runs `checks` over `config`, collecting issues located in `source`. */
export function runChecks(config: Config, source: CheckSource, checks: readonly ConfigCheck[]): { errors: ConfigIssue[]; warnings: ConfigIssue[] } {
  const errors: ConfigIssue[] = [];
  const warnings: ConfigIssue[] = [];
  const context: CheckContext = {
    config,
    error: (path, message, detail) => errors.push(source.issue(path, message, detail)),
    warn: (path, message, detail) => warnings.push(source.issue(path, message, detail)),
    lineOf: (path) => source.lineOf(path),
  };
  for (const check of checks) check(context);
  return { errors, warnings };
}

/** How {@link reportDuplicates} identifies and names items. */
export interface DuplicateRule<T> {
  /** Where item `index` is reported. */
  path: (index: number) => KeyPath;
  /** Identity of an item; undefined for items that take no part. */
  key: (item: T) => string | undefined;
  /** What is duplicated, e.g. "operator id". */
  what: string;
  /** How a duplicate is named in the message; defaults to its key. */
  label?: (item: T) => string;
}

/** Reports every item whose key repeats an earlier one, at the repeat, naming the line of the first. */
export function reportDuplicates<T>(context: CheckContext, items: readonly T[], rule: DuplicateRule<T>): void {
  const first = new Map<string, number>();
  items.forEach((item, index) => {
    const key = rule.key(item);
    if (key === undefined) return;
    const earlier = first.get(key);
    if (earlier === undefined) return void first.set(key, index);
    const name = rule.label ? rule.label(item) : `"${key}"`;
    const line = context.lineOf(rule.path(earlier));
    context.error(rule.path(index), `duplicate ${rule.what} ${name} (first defined at line ${line})`, { expected: `a unique ${rule.what}` });
  });
}
