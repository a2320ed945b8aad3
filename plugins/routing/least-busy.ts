/**
 * Least-busy routing (the default, and the fallback when another strategy fails): the operator
 * with the fewest active conversations relative to their capacity, then the one assigned least
 * recently, then by id. Relative load is compared exactly (cross-multiplied), never as floats.
 *
 * Written exactly like a user plugin (default-exported factory, `import type` only).
 */
import type { PluginFactory, RoutingCandidate, RoutingStrategy, Static } from "../parley-plugin";

export default ((host) => {
  const { t } = host;
  const Options = t.Object({
    measure: t.Union([t.Literal("ratio"), t.Literal("count")], {
      default: "ratio",
      description:
        "ratio: active conversations ÷ capacity, so an operator handling 2 of 6 is less busy than one handling 2 of 3; count: the raw number of active conversations",
    }),
  });
  type Options = Static<typeof Options>;

  /** Negative when `a` is less busy than `b`. */
  const compareLoad = (a: RoutingCandidate, b: RoutingCandidate, measure: Options["measure"]) =>
    measure === "count"
      ? a.activeConversations - b.activeConversations
      : a.activeConversations * Math.max(b.capacity, 1) - b.activeConversations * Math.max(a.capacity, 1);
  const comesFirst = (a: RoutingCandidate, b: RoutingCandidate, measure: Options["measure"]) => {
    const byLoad = compareLoad(a, b, measure);
    if (byLoad !== 0) return byLoad < 0;
    if (a.lastAssignedAt !== b.lastAssignedAt) return a.lastAssignedAt < b.lastAssignedAt;
    return a.id < b.id;
  };

  const strategy: RoutingStrategy<Options> = {
    kind: "routing",
    id: "least-busy",
    description: "Assigns to the operator with the fewest active conversations relative to capacity, then the one assigned least recently.",
    optionsSchema: Options,
    pick({ candidates, options }) {
      let best = candidates[0]!;
      for (const c of candidates) if (comesFirst(c, best, options.measure)) best = c;
      return { operatorId: best.id, reason: `least busy: ${best.name} has ${best.activeConversations} of ${best.capacity} conversations` };
    },
  };
  return strategy;
}) satisfies PluginFactory;
