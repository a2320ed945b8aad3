/**
 * Skills-based routing. Only operators having every skill the conversation requires are
 * considered; among them, those sharing the most of the conversation's preferred skills (its
 * department's skills and its language) go first, then the least busy. When nobody has every
 * required skill, `fallback` decides: wait in the queue for a qualified operator, or give the
 * conversation to whoever has the most of the required skills.
 *
 * Skills compare case-insensitively. Written exactly like a user plugin (`import type` only).
 */
import type { PluginFactory, RoutingCandidate, RoutingConversation, RoutingStrategy, Static } from "../parley-plugin";

export default ((host) => {
  const { t } = host;
  const Options = t.Object({
    fallback: t.Union([t.Literal("queue"), t.Literal("any")], {
      default: "queue",
      description:
        "when no available operator has every required skill: queue waits for one; any assigns the operator with the most of the required skills (then the least busy)",
    }),
    preferLanguage: t.Boolean({
      default: true,
      description: "prefer operators with a skill naming the conversation's language (e.g. fr for a French visitor)",
    }),
    languageSkillPrefix: t.String({
      default: "",
      description: 'prefix of language skills, e.g. "lang:" when operators list skills like lang:fr',
    }),
  });
  type Options = Static<typeof Options>;

  const norm = (skill: string) => skill.trim().toLowerCase();
  const departmentSkills = new Map(host.config.departments.map((d) => [d.id, d.skills.map(norm)]));

  /** Department skills plus the language (full tag and primary subtag: fr-CA also prefers fr). */
  const preferredSkills = (conversation: RoutingConversation, options: Options): Set<string> => {
    const preferred = new Set(conversation.department ? (departmentSkills.get(conversation.department) ?? []) : []);
    if (options.preferLanguage && conversation.language) {
      const tag = norm(conversation.language);
      const prefix = norm(options.languageSkillPrefix);
      preferred.add(prefix + tag);
      preferred.add(prefix + tag.split(/[-_]/)[0]);
    }
    return preferred;
  };
  const count = (skills: ReadonlySet<string>, wanted: Iterable<string>) => {
    let n = 0;
    for (const skill of wanted) if (skills.has(skill)) n++;
    return n;
  };
  const leastBusyFirst = (a: RoutingCandidate, b: RoutingCandidate) => {
    const byLoad = a.activeConversations * Math.max(b.capacity, 1) - b.activeConversations * Math.max(a.capacity, 1);
    if (byLoad !== 0) return byLoad < 0;
    return a.lastAssignedAt !== b.lastAssignedAt ? a.lastAssignedAt < b.lastAssignedAt : a.id < b.id;
  };

  const strategy: RoutingStrategy<Options> = {
    kind: "routing",
    id: "skills-match",
    description: "Assigns only operators having every required skill, preferring department and language skills, then the least busy.",
    optionsSchema: Options,
    pick({ conversation, candidates, options }) {
      const required = [...new Set(conversation.requiredSkills.map(norm))];
      const preferred = preferredSkills(conversation, options);
      const scored = candidates.map((c) => {
        const skills = new Set(c.skills.map(norm));
        return { c, matched: count(skills, required), overlap: count(skills, preferred) };
      });
      const qualified = scored.filter((s) => s.matched === required.length);
      let pool = qualified;
      if (qualified.length === 0) {
        if (options.fallback === "queue") {
          return { queue: true, reason: `no available operator has every required skill (${required.join(", ")})` };
        }
        const most = Math.max(...scored.map((s) => s.matched));
        pool = scored.filter((s) => s.matched === most);
      }
      let best = pool[0]!;
      for (const s of pool) {
        if (s.overlap !== best.overlap ? s.overlap > best.overlap : leastBusyFirst(s.c, best.c)) best = s;
      }
      const skills = required.length === 0 ? "no skill required" : `${best.matched} of ${required.length} required skills`;
      return { operatorId: best.c.id, reason: `skills match: ${best.c.name} has ${skills}, ${best.overlap} preferred, least busy among them` };
    },
  };
  return strategy;
}) satisfies PluginFactory;
