/**
 * HTML escaping for the e-mail templates. Every value a visitor or an admin typed (names, messages,
 * URLs) goes through `escapeHtml` before it is placed in an HTML alternative, so a message cannot
 * inject markup, links or tracking images into an operator's mailbox.
 */

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text safe as HTML element content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** An absolute http(s) URL as an escaped `href`, or null for anything else (javascript:, data:…). */
export function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? escapeHtml(parsed.href) : null;
  } catch {
    return null;
  }
}
