/**
 * The composer's commands, as chat operators type them: `/t Name [message]` asks a colleague to
 * take the conversation, `/a` accepts the transfer offered to me. Names may contain spaces, so the
 * longest online operator name the text starts with wins ("/t Anne Marie please" → Anne Marie).
 */

/** An operator the command can name. */
export interface NamedOperator {
  readonly id: string;
  readonly name: string;
}

/** What the composer text means. */
export type SlashCommand =
  | { readonly kind: "transfer"; readonly operator: NamedOperator; readonly message: string | null }
  | { readonly kind: "accept" }
  | { readonly kind: "invalid"; readonly reason: "missing-name" | "unknown-operator" | "ambiguous" | "unknown-command"; readonly name?: string };

const norm = (s: string) => s.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();

/** Parses composer text; null when it is not a command (it does not start with `/`). */
export function parseSlashCommand(text: string, operators: readonly NamedOperator[]): SlashCommand | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith("/") || trimmed.startsWith("//")) return null;
  const match = /^\/(\S+)\s*([\s\S]*)$/.exec(trimmed);
  const verb = match?.[1]?.toLowerCase() ?? "";
  const rest = match?.[2]?.trim() ?? "";
  if (verb === "a" || verb === "accept") return { kind: "accept" };
  if (verb !== "t" && verb !== "transfer") return { kind: "invalid", reason: "unknown-command", name: verb };
  if (!rest) return { kind: "invalid", reason: "missing-name" };
  return resolveTransfer(rest, operators);
}

function resolveTransfer(rest: string, operators: readonly NamedOperator[]): SlashCommand {
  const wanted = norm(rest);
  // Longest full name (or id) the text starts with, followed by the end or a space.
  let best: { op: NamedOperator; length: number } | null = null;
  let tie = false;
  for (const op of operators) {
    for (const candidate of [norm(op.name), op.id.toLowerCase()]) {
      if (!candidate || !(wanted === candidate || wanted.startsWith(candidate + " "))) continue;
      if (!best || candidate.length > best.length) {
        best = { op, length: candidate.length };
        tie = false;
      } else if (candidate.length === best.length && best.op.id !== op.id) tie = true;
    }
  }
  if (best && !tie) return { kind: "transfer", operator: best.op, message: messageAfter(rest, best.length) };
  if (tie) return { kind: "invalid", reason: "ambiguous", name: rest.split(/\s+/)[0] };
  // Otherwise a unique first name or prefix of a name: "/t ann thanks".
  const first = rest.split(/\s+/)[0]!;
  const prefix = norm(first);
  const hits = operators.filter((op) => norm(op.name).split(" ").some((part) => part.startsWith(prefix)));
  if (hits.length === 1) return { kind: "transfer", operator: hits[0]!, message: messageAfter(rest, first.length) };
  return { kind: "invalid", reason: hits.length > 1 ? "ambiguous" : "unknown-operator", name: first };
}

/** What follows the name, collapsing the name's own internal spacing the way `norm` did. */
function messageAfter(rest: string, normalisedNameLength: number): string | null {
  const collapsed = rest.trim().replace(/\s+/g, " ");
  const message = collapsed.slice(normalisedNameLength).trim();
  return message || null;
}
