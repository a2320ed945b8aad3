/**
 * Round-robin routing: conversations rotate fairly through the available operators. The operator
 * whose last assignment is the oldest goes next (never-assigned operators first), ties by id, so
 * the rotation survives restarts and does not depend on the order operators are listed.
 *
 * Written exactly like a user plugin (default-exported factory, `import type` only): copy it into
 * `plugins.dir/routing/` as a starting point.
 */
import type { PluginFactory, RoutingCandidate, RoutingStrategy, Static } from "../parley-plugin";

export default ((host) => {
  const { t } = host;
  const Options = t.Object({
    maxLoadRatio: t.Number({
      exclusiveMinimum: 0,
      maximum: 1,
      default: 1,
      description:
        "only rotate among operators whose load (active ÷ capacity) is below this ratio, e.g. 0.5 spreads work before anyone is half full; when nobody is below it, every available operator takes part (1 = plain rotation)",
    }),
  });
  type Options = Static<typeof Options>;

  const load = (c: RoutingCandidate) => (c.capacity > 0 ? c.activeConversations / c.capacity : Infinity);
  const comesFirst = (a: RoutingCandidate, b: RoutingCandidate) =>
    a.lastAssignedAt !== b.lastAssignedAt ? a.lastAssignedAt < b.lastAssignedAt : a.id < b.id;

  const strategy: RoutingStrategy<Options> = {
    kind: "routing",
    id: "round-robin",
    description: "Rotates conversations fairly: the operator assigned least recently goes next (ties by id).",
    optionsSchema: Options,
    pick({ candidates, options }) {
      const belowRatio = candidates.filter((c) => load(c) < options.maxLoadRatio);
      const pool = belowRatio.length > 0 ? belowRatio : candidates;
      let next = pool[0]!;
      for (const c of pool) if (comesFirst(c, next)) next = c;
      const turn = next.lastAssignedAt === 0 ? "never assigned yet" : "assigned least recently";
      return { operatorId: next.id, reason: `round-robin: ${next.name} is next (${turn})` };
    },
  };
  return strategy;
}) satisfies PluginFactory;
