/**
 * Priority-based routing. Urgent and high conversations go to the operator with the most free
 * slots (the one who can answer fastest). Lower priorities go to the least busy operator, but when
 * free slots run short they wait in the queue, so a few slots stay free for the next urgent
 * visitor; a held conversation is released once it has waited `reserveMaxWaitSeconds`.
 *
 * Written exactly like a user plugin (default-exported factory, `import type` only).
 */
import type { PluginFactory, RoutingCandidate, RoutingStrategy, Static } from "../parley-plugin";

export default ((host) => {
  const { t } = host;
  const Options = t.Object({
    reserveForHighPriority: t.Integer({
      minimum: 0,
      default: 1,
      description: "free slots, counted across all available operators, kept for high and urgent conversations (0 disables holding)",
    }),
    reserveAppliesTo: t.Array(t.Union([t.Literal("low"), t.Literal("normal")]), {
      uniqueItems: true,
      default: ["low"],
      description: "priorities that wait in the queue rather than take a reserved slot",
    }),
    reserveMaxWaitSeconds: t.Number({
      minimum: 0,
      default: 600,
      description: "a held conversation that has waited this long takes a reserved slot anyway, so nobody waits forever (0 = hold as long as needed)",
    }),
  });
  type Options = Static<typeof Options>;

  const free = (c: RoutingCandidate) => Math.max(0, c.capacity - c.activeConversations);
  const byLastAssignedThenId = (a: RoutingCandidate, b: RoutingCandidate) =>
    a.lastAssignedAt !== b.lastAssignedAt ? a.lastAssignedAt < b.lastAssignedAt : a.id < b.id;
  /** Most free slots first: who can take an urgent visitor right now. */
  const roomiest = (a: RoutingCandidate, b: RoutingCandidate) => (free(a) !== free(b) ? free(a) > free(b) : byLastAssignedThenId(a, b));
  /** Lowest active ÷ capacity first, compared exactly. */
  const leastBusy = (a: RoutingCandidate, b: RoutingCandidate) => {
    const byLoad = a.activeConversations * Math.max(b.capacity, 1) - b.activeConversations * Math.max(a.capacity, 1);
    return byLoad !== 0 ? byLoad < 0 : byLastAssignedThenId(a, b);
  };
  const best = (candidates: readonly RoutingCandidate[], first: (a: RoutingCandidate, b: RoutingCandidate) => boolean) => {
    let chosen = candidates[0]!;
    for (const c of candidates) if (first(c, chosen)) chosen = c;
    return chosen;
  };

  const strategy: RoutingStrategy<Options> = {
    kind: "routing",
    id: "priority",
    description: "Urgent and high conversations go to the operator with the most free slots; low ones wait when slots are reserved for them.",
    optionsSchema: Options,
    pick({ conversation, candidates, now, options }) {
      const { priority } = conversation;
      if (priority === "urgent" || priority === "high") {
        const chosen = best(candidates, roomiest);
        return { operatorId: chosen.id, reason: `${priority} priority: ${chosen.name} has the most free slots (${free(chosen)})` };
      }
      const reserve = options.reserveForHighPriority;
      const held = (options.reserveAppliesTo as readonly string[]).includes(priority);
      const totalFree = candidates.reduce((sum, c) => sum + free(c), 0);
      const waitedSeconds = (now - conversation.createdAt) / 1000;
      const released = options.reserveMaxWaitSeconds > 0 && waitedSeconds >= options.reserveMaxWaitSeconds;
      if (held && reserve > 0 && totalFree <= reserve && !released) {
        return { queue: true, reason: `${priority} priority waits: ${totalFree} free slot(s) left, ${reserve} kept for high-priority conversations` };
      }
      const chosen = best(candidates, leastBusy);
      const note = held && released && totalFree <= reserve ? " after waiting its maximum" : "";
      return { operatorId: chosen.id, reason: `${priority} priority${note}: ${chosen.name} is least busy (${chosen.activeConversations} of ${chosen.capacity})` };
    },
  };
  return strategy;
}) satisfies PluginFactory;
