/**
 * Bundle-time macro: imported `with { type: "macro" }`, it runs while Bun transpiles or compiles
 * and inlines the published contract's text, so the single binary can write `parley-plugin.d.ts`
 * without shipping the file as a separate asset (and without TypeScript refusing a `.d.ts` import).
 */
import { readFileSync } from "node:fs";

/** The committed `plugins/parley-plugin.d.ts`, as text. */
export function publishedContractText(): string {
  return readFileSync(new URL("../../plugins/parley-plugin.d.ts", import.meta.url), "utf8");
}
