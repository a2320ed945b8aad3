/**
 * The built-in plugins, imported explicitly (never discovered by scanning) so `bun build --compile`
 * puts every one of them inside the binary. They are ordinary plugin factories, the same shape a
 * file in `plugins.dir` exports.
 */
import type { PluginFactory } from "./api";
import roundRobin from "../../plugins/routing/round-robin.ts";
import leastBusy from "../../plugins/routing/least-busy.ts";
import priority from "../../plugins/routing/priority.ts";
import skillsMatch from "../../plugins/routing/skills-match.ts";
import csat from "../../plugins/questionnaires/csat.ts";
import nps from "../../plugins/questionnaires/nps.ts";
import operatorWrapup from "../../plugins/questionnaires/operator-wrapup.ts";

/** A built-in factory and the repository file it comes from (for listings and logs). */
export interface BuiltinPlugin {
  readonly file: string;
  readonly factory: PluginFactory;
}

/** Every built-in, routing strategies first. */
export const BUILTIN_PLUGINS: readonly BuiltinPlugin[] = [
  { file: "plugins/routing/round-robin.ts", factory: roundRobin },
  { file: "plugins/routing/least-busy.ts", factory: leastBusy },
  { file: "plugins/routing/priority.ts", factory: priority },
  { file: "plugins/routing/skills-match.ts", factory: skillsMatch },
  { file: "plugins/questionnaires/csat.ts", factory: csat },
  { file: "plugins/questionnaires/nps.ts", factory: nps },
  { file: "plugins/questionnaires/operator-wrapup.ts", factory: operatorWrapup },
];

/** The strategy used when `routing.strategy` is unusable or a plugin fails: always present. */
export const FALLBACK_STRATEGY_ID = "least-busy";
