/**
 * Canned responses (config `cannedResponses`): which ones an operator may use where, and their
 * placeholders expanded on the server — %VISITOR% becomes the visitor's name, %OPERATOR% the
 * operator's — so every console shows exactly the text that will be sent.
 */
import type { Config } from "../config/schema";

/** A canned response as configured. */
export type CannedResponse = Config["cannedResponses"][number];

/** A canned response as the console receives it. */
export interface CannedView {
  readonly shortcut: string;
  readonly topic: string;
  readonly text: string;
  readonly department: string | null;
}

/** Where the responses will be used: a conversation's department, or the operator's departments. */
export type CannedContext = { readonly department: string | null } | { readonly departments: readonly string[] | "all" };

/**
 * Replaces the placeholders. Without a visitor name, %VISITOR% disappears with the space before it
 * ("Hello %VISITOR%, …" → "Hello, …"), which reads naturally in every language.
 */
export function expandPlaceholders(text: string, names: { readonly visitor: string | null; readonly operator: string }): string {
  const visitor = names.visitor?.trim();
  const withVisitor = visitor ? text.replaceAll("%VISITOR%", visitor) : text.replace(/[ \t]*%VISITOR%/g, "");
  return withVisitor.replaceAll("%OPERATOR%", names.operator);
}

/** The responses usable in a context (global ones plus those of the department), sorted by topic then shortcut. */
export function cannedResponsesFor(responses: readonly CannedResponse[], context: CannedContext): CannedResponse[] {
  const allowed = (department: string | undefined): boolean => {
    if (department === undefined) return true;
    if ("department" in context) return context.department === department;
    return context.departments === "all" || context.departments.includes(department);
  };
  return responses.filter((r) => allowed(r.department)).sort((a, b) => a.topic.localeCompare(b.topic) || a.shortcut.localeCompare(b.shortcut));
}

/** The console's view of responses, expanded for the given names. */
export function cannedViews(responses: readonly CannedResponse[], names: { readonly visitor: string | null; readonly operator: string }): CannedView[] {
  return responses.map((r) => ({ shortcut: r.shortcut, topic: r.topic, text: expandPlaceholders(r.text, names), department: r.department ?? null }));
}
