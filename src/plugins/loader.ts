/**
 * Loads user plugins from `plugins.dir`: `.ts`/`.js` files at its top level and in its `routing/`
 * and `questionnaires/` subfolders, each imported with `import()` (Bun transpiles TypeScript) and
 * its default-exported factory called with a host. Every way a plugin can be broken is reported
 * with its file and reason and skips that plugin only; the server always starts.
 *
 * Re-imports are cache-busted with the file's mtime and size, so an edited file takes effect on
 * reload without a restart, while an unchanged one is not evaluated again. When an edit breaks a
 * file that loaded before, the previous version stays in service (and the failure is reported).
 */
import { readdir, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import type { PluginDefinition, PluginFactory } from "./api";
import { checkDefinition, describe, PLUGIN_KINDS } from "./definition";
import type { PluginHostHandle } from "./host";

/** A problem with one plugin file, for logs, `check-config` and the admin listing. */
export interface PluginIssue {
  readonly file: string;
  readonly reason: string;
  /** The plugin id concerned, when the problem is with one definition. */
  readonly pluginId?: string;
  /** True when a broken edit was ignored and the previously loaded version kept. */
  readonly keptPrevious?: boolean;
}

/** A definition accepted into the registry and where it came from ("builtin" or a file path). */
export interface LoadedDefinition {
  readonly definition: PluginDefinition;
  readonly source: string;
}

/** A successfully imported plugin module, remembered across reloads. */
export interface ModuleRecord {
  /** mtime and size when imported: the cache-busting key. */
  readonly version: string;
  readonly factory: PluginFactory;
}

/** What the loader needs from its caller. */
export interface LoaderOptions {
  /** Absolute path of `plugins.dir`. */
  readonly dir: string;
  /** A fresh host for a plugin file. */
  readonly hostFor: (source: string) => PluginHostHandle;
  /** Ids already taken (by built-ins) and by whom; files are checked against them and each other. */
  readonly takenIds: ReadonlyMap<string, string>;
  /** Modules from the previous load, by file. */
  readonly previous?: ReadonlyMap<string, ModuleRecord>;
  /** A module still evaluating after this long (a hung top-level await) is skipped. Default 10 s. */
  readonly importTimeoutMs?: number;
}

/** Everything one load produced. */
export interface LoadResult {
  readonly definitions: readonly LoadedDefinition[];
  readonly issues: readonly PluginIssue[];
  /** Modules in service, to pass as `previous` to the next load. */
  readonly modules: ReadonlyMap<string, ModuleRecord>;
}

const EXTENSIONS = [".ts", ".js", ".mts", ".mjs"];
const SUBFOLDERS = Object.values(PLUGIN_KINDS) as readonly string[];

/** Whether a file name is a plugin: code, not a declaration, test or `_helper`/hidden file. */
export function isPluginFileName(name: string): boolean {
  if (name.startsWith("_") || name.startsWith(".")) return false;
  if (/\.d\.[mc]?ts$/.test(name) || /\.(test|spec)\.[mc]?[jt]s$/.test(name)) return false;
  return EXTENSIONS.some((ext) => name.endsWith(ext));
}

/** Plugin files in `dir` and its `routing/` and `questionnaires/` folders, in a stable order. */
export async function listPluginFiles(dir: string): Promise<{ files: string[]; issues: PluginIssue[] }> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => error);
  if (entries instanceof Error) {
    const reason = entries.code === "ENOENT" ? "plugins.dir does not exist; only built-in plugins are available" : `cannot read plugins.dir: ${entries.message}`;
    return { files: [], issues: [{ file: dir, reason }] };
  }
  const files = entries.filter((e) => e.isFile() && isPluginFileName(e.name)).map((e) => join(dir, e.name));
  for (const folder of entries.filter((e) => e.isDirectory() && SUBFOLDERS.includes(e.name))) {
    const inner = await readdir(join(dir, folder.name), { withFileTypes: true });
    files.push(...inner.filter((e) => e.isFile() && isPluginFileName(e.name)).map((e) => join(dir, folder.name, e.name)));
  }
  return { files: files.sort((a, b) => relative(dir, a).localeCompare(relative(dir, b))), issues: [] };
}

/** Loads every plugin file of `options.dir`; never throws for a plugin's fault. */
export async function loadPluginDir(options: LoaderOptions): Promise<LoadResult> {
  const listed = await listPluginFiles(options.dir);
  const issues: PluginIssue[] = [...listed.issues];
  const definitions: LoadedDefinition[] = [];
  const modules = new Map<string, ModuleRecord>();
  const owners = new Map(options.takenIds);
  for (const file of listed.files) {
    const folder = SUBFOLDERS.find((f) => relative(options.dir, file).startsWith(f + "/"));
    const loaded = await loadFile(file, folder, options);
    issues.push(...loaded.issues);
    if (loaded.module) modules.set(file, loaded.module);
    for (const definition of loaded.definitions) {
      const owner = owners.get(definition.id);
      if (owner !== undefined) {
        const by = owner === "builtin" ? "a built-in plugin" : relative(options.dir, owner);
        issues.push({ file, pluginId: definition.id, reason: `id "${definition.id}" is already used by ${by}; this definition is skipped` });
        continue;
      }
      owners.set(definition.id, file);
      definitions.push({ definition, source: file });
    }
  }
  return { definitions, issues, modules };
}

async function loadFile(file: string, folder: string | undefined, options: LoaderOptions) {
  const previous = options.previous?.get(file);
  const fresh = await importFactory(file, previous, options.importTimeoutMs ?? 10_000);
  if ("factory" in fresh) {
    const made = instantiate(fresh.factory, file, options.hostFor, folder);
    if (made.definitions.length > 0 || !previous || previous.version === fresh.version) {
      return { ...made, module: { version: fresh.version, factory: fresh.factory } };
    }
    return keepPrevious(file, previous, made.issues, folder, options);
  }
  const failure = [{ file, reason: fresh.reason }];
  return previous ? keepPrevious(file, previous, failure, folder, options) : { definitions: [], issues: failure, module: undefined };
}

function keepPrevious(file: string, previous: ModuleRecord, failures: readonly PluginIssue[], folder: string | undefined, options: LoaderOptions) {
  const made = instantiate(previous.factory, file, options.hostFor, folder);
  const issues = failures.map((issue) => ({ ...issue, reason: `${issue.reason} (kept the previously loaded version)`, keptPrevious: true }));
  return { definitions: made.definitions, issues: [...issues, ...made.issues], module: previous };
}

async function importFactory(file: string, previous: ModuleRecord | undefined, timeoutMs: number): Promise<{ factory: PluginFactory; version: string } | { reason: string }> {
  const info = await stat(file).catch(() => null);
  if (!info) return { reason: "the file disappeared while loading" };
  const version = `${Math.trunc(info.mtimeMs * 1000)}-${info.size}`;
  if (previous?.version === version) return { factory: previous.factory, version };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)));
  try {
    // A plain path with a query string: Bun keys its module cache by the full specifier.
    const module = await Promise.race([import(`${file}?v=${version}`) as Promise<Record<string, unknown>>, timeout]);
    if (module === "timeout") return { reason: `the module did not finish loading within ${timeoutMs} ms (a top-level await that never settles?)` };
    if (!("default" in module)) return { reason: "no default export: a plugin must `export default (host) => definition`" };
    const factory = module.default;
    if (typeof factory !== "function") {
      return { reason: `the default export must be a factory function (host) => definition, got ${describe(factory)}` };
    }
    return { factory: factory as PluginFactory, version };
  } catch (error) {
    const message = loadErrorMessage(error).replaceAll(`${file}?v=${version}`, file);
    const hint = /Cannot find (package|module)/.test(message) ? " (a plugin may only `import type`; values it needs come from the host object)" : "";
    return { reason: `failed to load: ${message}${hint}` };
  } finally {
    clearTimeout(timer);
  }
}

/** A load error in one line, with its position when Bun's transpiler gives one. */
function loadErrorMessage(error: unknown): string {
  const errors = error instanceof AggregateError ? error.errors : [error];
  return errors
    .map((e: unknown) => {
      const position = (e as { position?: { line?: number; column?: number } } | null)?.position;
      const where = position?.line ? ` (line ${position.line}, column ${(position.column ?? 0) + 1})` : "";
      return `${e instanceof Error ? e.message : String(e)}${where}`;
    })
    .join("; ");
}

/**
 * Calls a factory and checks what it returned. Used for built-ins too, so they meet exactly the
 * rules user plugins do. `folder`, when set, is the kind folder the file lives in.
 */
export function instantiate(factory: PluginFactory, source: string, hostFor: LoaderOptions["hostFor"], folder?: string): { definitions: PluginDefinition[]; issues: PluginIssue[] } {
  const handle = hostFor(source);
  const failed = (reason: string) => {
    handle.identify([]);
    return { definitions: [], issues: [{ file: source, reason }] };
  };
  let output: unknown;
  try {
    output = factory(handle.host);
  } catch (error) {
    return failed(`the factory threw: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof (output as { then?: unknown } | null)?.then === "function") return failed("the factory returned a Promise; it must return its definition(s) synchronously");
  const values: unknown[] = Array.isArray(output) ? output : [output];
  if (values.length === 0) return failed("the factory returned no definitions");
  const definitions: PluginDefinition[] = [];
  const issues: PluginIssue[] = [];
  const seen = new Set<string>();
  for (const value of values) {
    const checked = checkDefinition(value);
    const id = (value as { id?: unknown } | null)?.id;
    const pluginId = typeof id === "string" ? id : undefined;
    if (!checked.ok) issues.push({ file: source, reason: checked.reason, ...(pluginId ? { pluginId } : {}) });
    else if (folder && PLUGIN_KINDS[checked.definition.kind] !== folder) {
      issues.push({ file: source, pluginId, reason: `a ${checked.definition.kind} plugin cannot live in the ${folder}/ folder` });
    } else if (seen.has(checked.definition.id)) {
      issues.push({ file: source, pluginId, reason: `the file defines id "${checked.definition.id}" twice` });
    } else {
      seen.add(checked.definition.id);
      definitions.push(checked.definition);
    }
  }
  handle.identify(definitions.map((d) => d.id));
  return { definitions, issues };
}
