/**
 * Repositories and queries live in src/storage (docs/ARCHITECTURE.md): every other module talks to
 * the database through them and passes the handle around as `Db`. This test keeps drizzle from
 * leaking back into feature modules one convenient query at a time.
 */
import { expect, test } from "bun:test";
import { Glob } from "bun";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";

const ROOT = join(import.meta.dir, "../..");
const DRIZZLE_IMPORT = /^\s*(?:import|export)\s[^;]*?from\s+"drizzle-orm(?:\/[^"]*)?"/m;

test("only src/storage imports drizzle-orm", () => {
  const offenders = ["src", "plugins"]
    .flatMap((dir) => [...new Glob("**/*.ts").scanSync(join(ROOT, dir))].map((file) => join(ROOT, dir, file)))
    .filter((file) => !relative(ROOT, file).startsWith("src/storage/"))
    .filter((file) => DRIZZLE_IMPORT.test(readFileSync(file, "utf8")))
    .map((file) => relative(ROOT, file));
  expect(offenders).toEqual([]);
});
