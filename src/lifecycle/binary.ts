/**
 * Whether this process is the compiled `parley` binary (its modules run from Bun's embedded file
 * system) or a run from source (`bun src/main.ts`, tests): what differs is where embedded files are
 * found and how the process starts itself again.
 */

/** True in the compiled binary. */
export const RUNS_FROM_BINARY = import.meta.url.includes("/$bunfs/");
