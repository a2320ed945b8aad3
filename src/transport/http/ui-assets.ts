/**
 * Where the built UI bundles (widget, operator console, manager dashboard) come from. The compiled
 * binary carries them inside itself: the build generates a module that imports every file of
 * ui/dist `with { type: "file" }` and calls {@link registerEmbeddedUi} before main runs (an explicit
 * registry, no directory scanning). A dev run (`bun src/main.ts`) has no such registration and
 * reads ui/dist from disk instead, building it first when it is missing or older than ui/ sources.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Logger } from "../../observability/logger";

/** ui/dist/manifest.json, written by scripts/build.ts. Paths are relative to ui/dist. */
export interface UiManifest {
  /** The stable-named widget loader sites embed (`widget.js`). */
  readonly widget: string;
  /** The HTML shell of each single-page UI, and the widget demo page (a page embedding the widget like a customer site). */
  readonly pages: { readonly console: string; readonly manager: string; readonly demo: string };
  /** Every file of the bundle, including the above; files under `assets/` are content-hashed. */
  readonly files: readonly string[];
}

/** A UI bundle ready to serve: its manifest and a way to find each file's bytes. */
export interface UiBundle {
  readonly source: "embedded" | "disk";
  readonly manifest: UiManifest;
  /** The readable path (on disk or inside the binary) of a manifest file, or undefined if not part of the bundle. */
  pathOf(file: string): string | undefined;
}

let embedded: UiBundle | null = null;

/** Called by the build-generated module inside the binary: `files` maps each manifest path to its embedded path. */
export function registerEmbeddedUi(manifest: UiManifest, files: Readonly<Record<string, string>>): void {
  embedded = { source: "embedded", manifest, pathOf: (file) => files[file] };
}

/** The repository's ui folder when running from source. */
export const UI_SOURCE_DIR = resolve(import.meta.dir, "../../../ui");

/** Reads a built bundle from a directory holding manifest.json; null if there is none. */
export async function readUiDir(dir: string): Promise<UiBundle | null> {
  const manifestFile = join(dir, "manifest.json");
  if (!existsSync(manifestFile)) return null;
  const manifest = (await Bun.file(manifestFile).json()) as UiManifest;
  const known = new Set(manifest.files);
  return { source: "disk", manifest, pathOf: (file) => (known.has(file) ? join(dir, file) : undefined) };
}

/**
 * The bundle to serve: the embedded one in the binary, else ui/dist from disk (rebuilt when stale).
 * Null when neither exists (a binary compiled without scripts/build.ts): the API still works, UI routes answer 404.
 */
export async function loadUiBundle(logger: Logger): Promise<UiBundle | null> {
  if (embedded) return embedded;
  const dist = join(UI_SOURCE_DIR, "dist");
  if (existsSync(join(UI_SOURCE_DIR, "visitor")) && isStale(dist)) {
    logger.info("building UI bundles (ui/dist missing or older than ui sources)");
    const build = Bun.spawnSync([process.execPath, resolve(UI_SOURCE_DIR, "../scripts/build.ts"), "--ui-only"], { stdout: "pipe", stderr: "pipe" });
    if (build.exitCode !== 0) logger.error("UI build failed; UI routes will answer 404", { output: build.stderr.toString().slice(-2000) });
  }
  const bundle = await readUiDir(dist);
  if (!bundle) logger.warn("no UI bundle found; run `npm run build`", { dir: dist });
  return bundle;
}

/** True when ui/dist has no manifest or any source file under ui/ is newer than it. */
function isStale(dist: string): boolean {
  const manifest = join(dist, "manifest.json");
  if (!existsSync(manifest)) return true;
  const builtAt = statSync(manifest).mtimeMs;
  const newer = (dir: string): boolean =>
    readdirSync(dir, { withFileTypes: true }).some((entry) => {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) return full !== dist && entry.name !== "node_modules" && newer(full);
      return statSync(full).mtimeMs > builtAt;
    });
  return newer(UI_SOURCE_DIR);
}
