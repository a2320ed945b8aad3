/**
 * A parsed YAML file that remembers where every value came from. The `yaml` Document API keeps
 * node ranges; a LineCounter turns offsets into line:column. Every later stage (schema, semantic and
 * plugin checks) reports through {@link YamlSource.issue} so each problem points at the exact key.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Scalar } from "yaml";
import { describeFound, formatPath, type Anchor, type ConfigIssue, type IssueDetail, type IssueLocator, type KeyPath } from "./issue.model";

interface Located {
  /** The node at the path, if the path exists in the file. */
  node: Node | null;
  /** The key node of the pair holding the value, if any. */
  key: Node | null;
  /** The deepest existing node on the way (the parent of a missing key). */
  nearest: Node | null;
}

/** A YAML file parsed with positions. */
export class YamlSource implements IssueLocator {
  private constructor(
    /** The file as shown in issues. */
    readonly file: string,
    readonly text: string,
    readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  /** Parses `text`; YAML syntax errors come back as issues (all of them, with positions). */
  static parse(text: string, file: string): { source: YamlSource; issues: ConfigIssue[] } {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, merge: true, uniqueKeys: true });
    const source = new YamlSource(file, text, doc, lines);
    const issues = doc.errors.map((error) => source.syntaxIssue(error.pos[0], error.code, error.message));
    return { source, issues };
  }

  /** Line and column (1-based) of a character offset. */
  position(offset: number): { line: number; column: number } {
    const { line, col } = this.lines.linePos(Math.max(0, Math.min(offset, this.text.length)));
    return { line, column: col };
  }

  /** Builds an issue located at `path` (or its nearest existing ancestor). */
  issue(path: KeyPath, message: string, detail: IssueDetail = {}): ConfigIssue {
    const { line, column } = this.position(this.offsetOf(path, detail.anchor ?? "value"));
    const found = detail.found ?? describeFound(this.valueAt(path));
    return { file: this.file, line, column, path: formatPath(path), expected: detail.expected ?? "", found, message };
  }

  /** Offset where `path` is written; for a missing key, where its parent mapping starts. */
  offsetOf(path: KeyPath, anchor: Anchor = "value"): number {
    const { node, key, nearest } = this.locate(path);
    if (anchor === "key" && key?.range) return key.range[0];
    if (node?.range && !isEmptyScalar(node)) return node.range[0];
    if (key?.range) return key.range[0];
    return nearest?.range?.[0] ?? 0;
  }

  /** The 1-based line where `path` is written (for "first defined at line N"). */
  lineOf(path: KeyPath): number {
    return this.position(this.offsetOf(path)).line;
  }

  /** Whether the file itself writes `path` (rather than a default filling it in). */
  has(path: KeyPath): boolean {
    return this.locate(path).node !== null;
  }

  /**
   * The document as plain data. Conversion can still fail on a hostile file (an alias bomb trips
   * `yaml`'s alias limit); that becomes an issue instead of an exception.
   */
  toData(): { data: unknown; issue?: undefined } | { data?: undefined; issue: ConfigIssue } {
    try {
      return { data: this.doc.toJS() };
    } catch (error) {
      const message = `the YAML cannot be read: ${(error as Error).message}`;
      return { issue: { file: this.file, line: 1, column: 1, path: "", expected: "valid YAML", found: "", message } };
    }
  }

  /** Calls `visit` for every scalar value (not keys) with its key path, anchors included once. */
  forEachScalar(visit: (node: Scalar, path: KeyPath) => void): void {
    this.walk((node, path) => isScalar(node) && visit(node, path));
  }

  /** Aliases (`*name`) whose anchor does not exist; `yaml` only notices them when converting. */
  unresolvedAliases(): ConfigIssue[] {
    const issues: ConfigIssue[] = [];
    this.walk((node, path) => {
      if (!isAlias(node) || node.resolve(this.doc)) return;
      const { line, column } = this.position(node.range?.[0] ?? 0);
      const message = `unknown alias *${node.source}: no anchor &${node.source} is defined before it`;
      issues.push({ file: this.file, line, column, path: formatPath(path), expected: `an anchor &${node.source}`, found: `*${node.source}`, message });
    });
    return issues;
  }

  /** Visits every value node (not keys, not through aliases) with its key path. */
  private walk(visit: (node: unknown, path: KeyPath) => void): void {
    const step = (node: unknown, path: KeyPath): void => {
      visit(node, path);
      if (isMap(node)) for (const pair of node.items) step(pair.value, [...path, keyName(pair.key)]);
      else if (isSeq(node)) node.items.forEach((item, index) => step(item, [...path, index]));
    };
    step(this.doc.contents, []);
  }

  /** Enough of the value at `path` for {@link describeFound} (collections are not converted). */
  private valueAt(path: KeyPath): unknown {
    const located = this.locate(path).node;
    const node = isAlias(located) ? located.resolve(this.doc) : located;
    if (isScalar(node)) return node.value;
    if (isSeq(node)) return node.items;
    return node ? {} : undefined;
  }

  private locate(path: KeyPath): Located {
    let node: unknown = this.doc.contents;
    let key: Node | null = null;
    let nearest: Node | null = (node as Node | null) ?? null;
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(this.doc);
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && keyName(item.key) === String(segment));
        if (!pair) return { node: null, key: null, nearest };
        key = (pair.key as Node | null) ?? null;
        node = pair.value;
      } else if (isSeq(node) && /^\d+$/.test(String(segment))) {
        node = node.items[Number(segment)];
        key = null;
        if (node === undefined) return { node: null, key: null, nearest };
      } else {
        return { node: null, key: null, nearest };
      }
      if (node && (node as Node).range) nearest = node as Node;
      else if (key?.range) nearest = key;
    }
    return { node: (node as Node | null) ?? null, key, nearest };
  }

  private syntaxIssue(offset: number, code: string, message: string): ConfigIssue {
    const { line, column } = this.position(offset);
    const lineText = (this.text.split(/\r?\n/)[line - 1] ?? "").trim();
    const friendly =
      code === "DUPLICATE_KEY"
        ? `duplicate key: ${lineText.split(":")[0]?.trim()} is already defined in this mapping`
        : code === "MULTIPLE_DOCS"
          ? "the file holds more than one document (a second ---); Parley reads a single document"
          : message;
    return { file: this.file, line, column, path: "", expected: "valid YAML", found: describeFound(lineText), message: `YAML syntax error: ${friendly}` };
  }
}

function keyName(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  return String(key);
}

function isEmptyScalar(node: Node): boolean {
  return isScalar(node) && node.value === null && !!node.range && node.range[0] === node.range[1];
}

/**
 * Remembers which source a loaded config came from, so later checks (plugins) can point at lines.
 * A config read by the quick loader holds a function instead, which parses the file on first use.
 */
const sources = new WeakMap<object, YamlSource | (() => YamlSource)>();

/** Links a loaded config object to the YAML it was read from (or to a function that parses it when first asked). */
export function attachSource(config: object, source: YamlSource | (() => YamlSource)): void {
  sources.set(config, source);
}

/** The YAML a config was loaded from, if it was loaded by `loadConfig` or the quick loader. */
export function sourceOf(config: object): YamlSource | undefined {
  const source = sources.get(config);
  if (typeof source !== "function") return source;
  const parsed = source();
  sources.set(config, parsed);
  return parsed;
}
