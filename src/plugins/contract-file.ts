/**
 * The plugin contract published for plugin authors. `src/plugins/api.ts` is the source; the
 * published `plugins/parley-plugin.d.ts` is that file verbatim under a banner, so host and plugins
 * can never disagree (a test asserts the committed copy equals {@link renderContract}'s output).
 *
 * Regenerate after editing api.ts: `bun src/plugins/contract-file.ts --write`.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { publishedContractText } from "./contract.macro.ts" with { type: "macro" };

/** File name of the contract, both in the repository's `plugins/` and in `plugins.dir`. */
export const CONTRACT_FILE_NAME = "parley-plugin.d.ts";

/** First line of every generated copy: lets Parley recognise (and refresh) a copy it wrote itself. */
export const CONTRACT_BANNER = "// Parley plugin contract — generated from src/plugins/api.ts, do not edit.";

const USAGE = [
  CONTRACT_BANNER,
  "// Parley rewrites this file at start when it changes. Write plugins next to it:",
  '//   import type { PluginFactory } from "./parley-plugin";',
  "//   export default ((host) => ({ kind: \"routing\", id: \"my-strategy\", pick: (input) => … })) satisfies PluginFactory;",
  "// Only `import type` is allowed: the Parley binary cannot hand value imports to plugins. Guide: docs/plugins.md",
  "",
].join("\n");

/** The published `.d.ts` for a given api.ts source text. */
export function renderContract(apiSource: string): string {
  return USAGE + apiSource.replace(/\r\n/g, "\n");
}

/** The contract text compiled into this build (inlined at bundle time by a Bun macro). */
export const contractText: string = publishedContractText();

/** What {@link writeContractFile} did, for the start-up log. */
export type ContractWriteResult = "created" | "updated" | "unchanged" | "kept-user-copy";

/**
 * Drops `parley-plugin.d.ts` into `dir` (creating the folder) so plugin authors get types. A copy
 * Parley wrote earlier is refreshed after an upgrade; a file without the banner is the admin's own
 * and is left alone.
 */
export async function writeContractFile(dir: string): Promise<ContractWriteResult> {
  const target = join(dir, CONTRACT_FILE_NAME);
  const existing = await readFile(target, "utf8").catch(() => null);
  if (existing === contractText) return "unchanged";
  if (existing !== null && !existing.startsWith(CONTRACT_BANNER)) return "kept-user-copy";
  await mkdir(dir, { recursive: true });
  await writeFile(target, contractText);
  return existing === null ? "created" : "updated";
}

if (import.meta.main && process.argv.includes("--write")) {
  const api = await readFile(new URL("./api.ts", import.meta.url), "utf8");
  const out = new URL(`../../plugins/${CONTRACT_FILE_NAME}`, import.meta.url);
  await writeFile(out, renderContract(api));
  console.log(`wrote ${out.pathname}`);
}
