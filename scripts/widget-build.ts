/**
 * Builds the visitor widget in two parts and holds it to its size budget:
 *
 * - the app (`ui/visitor/widget.app.ts`): ESM with code splitting, so languages other than English
 *   are separate chunks loaded only when needed; content-hashed under assets/.
 * - the loader (`ui/visitor/widget.loader.ts` → `widget.js`): a classic script (IIFE, no Lit) that
 *   knows the hashed app file through a build-time constant.
 *
 * What a visitor downloads before chatting — the loader, the app entry and every chunk the app
 * imports statically — must stay within {@link WIDGET_BUDGET_BYTES} gzip-compressed (each file
 * compressed on its own, as the server sends them). `scripts/build.ts` fails when it does not.
 */
import { basename, join, relative } from "node:path";

const ROOT = join(import.meta.dir, "..");
/** The loader entry (served as /widget.js). */
export const WIDGET_LOADER_ENTRY = join(ROOT, "ui/visitor/widget.loader.ts");
/** The lazily loaded chat app entry. */
export const WIDGET_APP_ENTRY = join(ROOT, "ui/visitor/widget.app.ts");
/** First-load budget (loader + app + its static imports), gzip bytes. */
export const WIDGET_BUDGET_BYTES = 25 * 1024;

/** One file of the first load and its sizes. */
export interface SizedFile {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

/** The outcome of {@link buildWidget}; paths are relative to the output directory. */
export interface WidgetBuild {
  readonly loader: string;
  readonly app: string;
  /** Every file written. */
  readonly files: readonly string[];
  /** What a visitor downloads before the chat opens. */
  readonly firstLoad: readonly SizedFile[];
  readonly firstLoadGzipBytes: number;
}

/**
 * Whitespace-minifies the text of `css\`…\`` literals in a style module: Bun minifies code but keeps
 * template text as written. Only spaces are touched (never before a `:`, where a space is a
 * descendant combinator), so the rules mean exactly the same.
 */
export function minifyCssLiterals(source: string): string {
  return source.replace(/\bcss`([^`]*)`/g, (_, body: string) => {
    const min = body
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/\s+/g, " ")
      .replace(/\s*([{};,>])\s*/g, "$1")
      .replace(/:\s+/g, ":")
      .replace(/;}/g, "}")
      .trim();
    return `css\`${min}\``;
  });
}

/** Bun plugin applying {@link minifyCssLiterals} to the widget's style modules. */
const cssLiterals: import("bun").BunPlugin = {
  name: "parley-css-literals",
  setup(build) {
    build.onLoad({ filter: /(\.styles|tokens\.css)\.ts$/ }, async ({ path }) => ({ contents: minifyCssLiterals(await Bun.file(path).text()), loader: "ts" }));
  },
};

/**
 * Relative modules an ESM file imports statically (`import … from "./x.js"`, `import "./x.js"`),
 * not dynamic `import("./x.js")` which load later (e.g. the French catalog).
 */
export function staticImports(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(/\bimport\s*(?:[^'"();]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+)["']/g)) found.add(m[1]!);
  for (const m of code.matchAll(/\bexport\s*(?:\*|\{[^}]*\})\s*from\s*["'](\.{1,2}\/[^"']+)["']/g)) found.add(m[1]!);
  return [...found];
}

/** Builds the widget into `outDir` (`widget.js` + `assets/…`) and measures its first load. */
export async function buildWidget(outDir: string): Promise<WidgetBuild> {
  const assets = join(outDir, "assets");
  const app = await Bun.build({
    entrypoints: [WIDGET_APP_ENTRY],
    outdir: assets,
    target: "browser",
    format: "esm",
    splitting: true,
    minify: true,
    naming: { entry: "widget-[hash].[ext]", chunk: "widget-chunk-[hash].[ext]", asset: "widget-asset-[hash].[ext]" },
    define: { "process.env.NODE_ENV": '"production"' },
    plugins: [cssLiterals],
  });
  if (!app.success) throw new AggregateError(app.logs, "widget app build failed:\n" + app.logs.map(String).join("\n"));
  const entry = app.outputs.find((o) => o.kind === "entry-point");
  if (!entry) throw new Error("the widget app build produced no entry");
  const appFile = relative(outDir, entry.path);

  const loader = await Bun.build({
    entrypoints: [WIDGET_LOADER_ENTRY],
    target: "browser",
    format: "iife",
    minify: true,
    define: { __PARLEY_APP__: JSON.stringify(`./${appFile}`), "process.env.NODE_ENV": '"production"' },
  });
  if (!loader.success) throw new AggregateError(loader.logs, "widget loader build failed:\n" + loader.logs.map(String).join("\n"));
  const loaderCode = await loader.outputs[0]!.text();
  await Bun.write(join(outDir, "widget.js"), loaderCode);

  const firstLoad: SizedFile[] = [size("widget.js", loaderCode)];
  const pending = [appFile];
  const seen = new Set(pending);
  while (pending.length > 0) {
    const file = pending.shift()!;
    const code = await Bun.file(join(outDir, file)).text();
    firstLoad.push(size(file, code));
    for (const spec of staticImports(code)) {
      const dep = relative(outDir, join(outDir, file, "..", spec));
      if (!seen.has(dep)) {
        seen.add(dep);
        pending.push(dep);
      }
    }
  }
  return {
    loader: "widget.js",
    app: appFile,
    files: ["widget.js", ...app.outputs.map((o) => relative(outDir, o.path))],
    firstLoad,
    firstLoadGzipBytes: firstLoad.reduce((sum, f) => sum + f.gzipBytes, 0),
  };
}

function size(file: string, code: string): SizedFile {
  const bytes = new TextEncoder().encode(code);
  return { file, bytes: bytes.byteLength, gzipBytes: Bun.gzipSync(bytes, { level: 9 }).byteLength };
}

/** One line for the build log: the first-load weight against the budget. */
export function describeBudget(build: WidgetBuild, budget = WIDGET_BUDGET_BYTES): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const parts = build.firstLoad.map((f) => `${basename(f.file)} ${kb(f.gzipBytes)}`).join(" + ");
  return `widget first load: ${kb(build.firstLoadGzipBytes)} gzip of ${kb(budget)} budget (${parts})`;
}

/** Throws when the first load is over budget, naming what it is made of. */
export function assertWithinBudget(build: WidgetBuild, budget = WIDGET_BUDGET_BYTES): void {
  if (build.firstLoadGzipBytes > budget) throw new Error(`widget over its size budget: ${describeBudget(build, budget)}`);
}
