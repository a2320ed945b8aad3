/**
 * The contract every routing strategy must pass, built-in or not: property checks over random but
 * reproducible scenarios (fast-check, fixed seed) plus the edge cases a live system meets (one
 * candidate, five hundred, ties everywhere). Returning failures rather than asserting lets the same
 * suite run in bun test for built-ins and against a plugin loaded from an admin's folder.
 *
 * Test-only: it imports fast-check, a dev dependency, and is never imported by the server.
 */
import fc from "fast-check";
import type { Priority, RoutingCandidate, RoutingConversation, RoutingDecision, RoutingInput, RoutingStrategy } from "./api";
import { deepFreeze, resolveOptions } from "./options";
import { decisionProblem } from "./routing-guard";

/** How to run the contract against one strategy. */
export interface RoutingContractOptions {
  /** Raw options, as in the YAML; the strategy's defaults fill the rest. */
  readonly options?: Record<string, unknown>;
  /** The strategy promises never to pick an operator lacking one of the required skills. */
  readonly respectsRequiredSkills?: boolean;
  /** Random scenarios per property (default 150). */
  readonly runs?: number;
  /** fast-check seed, fixed by default so a failure is reproducible. */
  readonly seed?: number;
}

/** One broken promise of the contract. */
export interface ContractFailure {
  readonly check: RoutingContractCheck;
  readonly message: string;
}

/** The named checks, in the order they run. */
export const ROUTING_CONTRACT_CHECKS = [
  "valid options",
  "returns a well-formed decision",
  "never picks outside the candidates",
  "is deterministic",
  "ignores candidate order",
  "does not mutate its input",
  "handles a single candidate",
  "handles 500 candidates",
  "respects required skills",
] as const;
/** A check's name. */
export type RoutingContractCheck = (typeof ROUTING_CONTRACT_CHECKS)[number];

const SKILLS = ["billing", "tech", "sales", "fr", "en", "de", "vip"];
const PRIORITIES: Priority[] = ["low", "normal", "high", "urgent"];

const candidateArb = (id: string) =>
  fc.integer({ min: 1, max: 8 }).chain((capacity) =>
    fc.record({
      id: fc.constant(id),
      name: fc.constant(id.toUpperCase()),
      departments: fc.subarray(["sales", "support"]),
      skills: fc.subarray(SKILLS.concat(["Billing", "lang:fr"])),
      activeConversations: fc.integer({ min: 0, max: capacity - 1 }),
      capacity: fc.constant(capacity),
      lastAssignedAt: fc.constantFrom(0, 1_000, 2_000, 3_000),
      availableSince: fc.constantFrom(0, 500, 1_500),
    }),
  );

const candidatesArb = (min: number, max: number) =>
  fc.uniqueArray(fc.integer({ min: 1, max: 999 }), { minLength: min, maxLength: max }).chain((ns) => fc.tuple(...ns.map((n) => candidateArb(`op-${n}`))));

const conversationArb: fc.Arbitrary<RoutingConversation> = fc.record({
  id: fc.constantFrom("c1", "c2"),
  priority: fc.constantFrom(...PRIORITIES),
  department: fc.constantFrom(null, "sales", "support", "unknown-dept"),
  requiredSkills: fc.subarray(SKILLS, { maxLength: 3 }),
  createdAt: fc.integer({ min: 0, max: 10_000 }),
  pageUrl: fc.constantFrom(null, "https://example.com/pricing"),
  previousOperatorIds: fc.subarray(["op-1", "op-2", "op-3"]),
  language: fc.constantFrom(null, "fr", "en", "fr-CA", "DE"),
});

const scenarioArb = (min: number, max: number) =>
  fc.record({ conversation: conversationArb, candidates: candidatesArb(min, max), elapsed: fc.integer({ min: 0, max: 3_600_000 }) }).map(({ conversation, candidates, elapsed }) => ({
    conversation,
    candidates: candidates as RoutingCandidate[],
    now: conversation.createdAt + elapsed,
  }));

type Scenario = Omit<RoutingInput, "options">;

/** Runs every check against `strategy`; an empty list means it passes the contract. */
export function runRoutingContract(strategy: RoutingStrategy<any>, contract: RoutingContractOptions = {}): ContractFailure[] {
  const resolved = resolveOptions(strategy, contract.options ?? {});
  if (!resolved.ok) return [{ check: "valid options", message: resolved.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") }];
  const options = resolved.options;
  const params = { numRuns: contract.runs ?? 150, seed: contract.seed ?? 20260105 };
  const pick = (s: Scenario): RoutingDecision => strategy.pick(deepFreeze(structuredClone({ ...s, options })));
  const failures: ContractFailure[] = [];

  /** `large` scenarios are not shrunk: shrinking 500 candidates takes longer than it helps. */
  const property = (check: RoutingContractCheck, arb: fc.Arbitrary<Scenario>, holds: (s: Scenario) => string | null, large = false) => {
    const details = fc.check(
      fc.property(arb, (s) => {
        const problem = holds(s);
        if (problem) throw new Error(problem);
      }),
      large ? { ...params, numRuns: 5, endOnFailure: true } : params,
    );
    if (details.failed) failures.push({ check, message: truncate(fc.defaultReportMessage(details) ?? "failed") });
  };

  property("returns a well-formed decision", scenarioArb(1, 12), (s) => {
    const problem = decisionProblem(pick(s), s.candidates);
    return problem && !problem.includes("not among") ? problem : null;
  });
  property("never picks outside the candidates", scenarioArb(1, 12), (s) => {
    const problem = decisionProblem(pick(s), s.candidates);
    return problem?.includes("not among") ? problem : null;
  });
  property("is deterministic", scenarioArb(1, 12), (s) => {
    const [a, b] = [pick(s), pick(s)];
    return JSON.stringify(a) === JSON.stringify(b) ? null : `two identical calls decided ${JSON.stringify(a)} then ${JSON.stringify(b)}`;
  });
  property("ignores candidate order", scenarioArb(2, 12), (s) => {
    const [a, b] = [outcome(pick(s)), outcome(pick({ ...s, candidates: [...s.candidates].reverse() }))];
    return a === b ? null : `the same candidates in reverse order changed the decision from ${a} to ${b}`;
  });
  property("does not mutate its input", scenarioArb(1, 12), (s) => {
    const before = JSON.stringify(s);
    try {
      strategy.pick(deepFreeze({ ...structuredClone(s), options }));
    } catch (error) {
      if (error instanceof TypeError && /read.only|frozen|not extensible|Attempted to assign/i.test(error.message)) return `it tried to mutate its input: ${error.message}`;
      throw error;
    }
    return JSON.stringify(s) === before ? null : "the input changed";
  });
  property("handles a single candidate", scenarioArb(1, 1), (s) => {
    const decision = pick(s);
    return decisionProblem(decision, s.candidates);
  });
  property("handles 500 candidates", scenarioArb(1, 1).chain((s) => candidatesArb(500, 500).map((c) => ({ ...s, candidates: c as RoutingCandidate[] }))), (s) => decisionProblem(pick(s), s.candidates), true);
  if (contract.respectsRequiredSkills) {
    property("respects required skills", scenarioArb(1, 12), (s) => {
      const decision = pick(s);
      if (!("operatorId" in decision)) return null;
      const chosen = s.candidates.find((c) => c.id === decision.operatorId);
      const has = new Set(chosen?.skills.map((k) => k.toLowerCase()));
      const missing = s.conversation.requiredSkills.filter((k) => !has.has(k.toLowerCase()));
      return missing.length === 0 ? null : `picked ${decision.operatorId}, who lacks ${missing.join(", ")}`;
    });
  }
  return failures;
}

function truncate(message: string): string {
  return message.length > 3_000 ? `${message.slice(0, 3_000)}…` : message;
}

function outcome(decision: RoutingDecision): string {
  return "operatorId" in decision ? `operator ${decision.operatorId}` : "queue";
}
