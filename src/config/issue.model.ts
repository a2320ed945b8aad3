/**
 * What is wrong with a configuration file, said the way an admin can act on it: where (file, line,
 * column, key path), what was expected and what was found. One shape serves YAML syntax errors,
 * schema errors, semantic checks and plugin checks, so `check-config`, startup and hot reload all
 * print the same lines.
 */

/** One problem in a configuration file (or in a file it refers to, such as the knowledge base). */
export interface ConfigIssue {
  /** The file as the admin named it (relative paths stay relative, so terminals can open them). */
  file: string;
  /** 1-based line; 0 when the issue has no position (a config built in code). */
  line: number;
  /** 1-based column; 0 when the issue has no position. */
  column: number;
  /** Key path in the file, e.g. `operators[2].email`; empty for the whole document. */
  path: string;
  /** What would have been accepted, e.g. `an e-mail address`. */
  expected: string;
  /** What the file holds there, e.g. `"bob"`. */
  found: string;
  /** The full human sentence, e.g. `expected an e-mail address, found "bob"`. */
  message: string;
}

/** A key path as segments: map keys are strings, list indices numbers. */
export type KeyPath = readonly (string | number)[];

const identifier = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** Renders a key path the way it reads in YAML tooling: `operators[2].email`, `options["a.b"]`. */
export function formatPath(path: KeyPath): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (identifier.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** One line per issue, `file:line:col path: message`, in file order — the format of `check-config`. */
export function formatIssues(issues: readonly ConfigIssue[]): string {
  return sortIssues(issues).map(formatIssue).join("\n");
}

/** One issue as `file:line:col path: message` (the position is left out when there is none). */
export function formatIssue(issue: ConfigIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.column}` : issue.file;
  const what = issue.path === "" ? issue.message : `${issue.path}: ${issue.message}`;
  return `${where} ${what}`;
}

/** Issues ordered by file, then position, so output follows the file top to bottom. */
export function sortIssues(issues: readonly ConfigIssue[]): ConfigIssue[] {
  return [...issues].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/** A short rendering of a YAML value for "found …": strings quoted, collections named. */
export function describeFound(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value";
  if (typeof value === "string") {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(shown);
  }
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : "a list";
  if (typeof value === "object") return "a mapping";
  return String(value);
}

/** Where to point in the file for a path: at the value (default) or at its key (unknown keys). */
export type Anchor = "value" | "key";

/** Details of an issue beyond its message; `found` defaults to the value written at the path. */
export interface IssueDetail {
  expected?: string;
  found?: string;
  anchor?: Anchor;
}

/** Anything that can turn a key path and a message into a located issue. */
export interface IssueLocator {
  issue(path: KeyPath, message: string, detail?: IssueDetail): ConfigIssue;
}

/** A locator for configs built in code (no file to point into): issues carry no line or column. */
export function positionlessLocator(file: string): IssueLocator {
  return {
    issue: (path, message, detail = {}) => ({ file, line: 0, column: 0, path: formatPath(path), expected: detail.expected ?? "", found: detail.found ?? "", message }),
  };
}

/** Minimal logger the config subsystem writes to; the observability logger satisfies it. */
export interface ConfigLogger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}
