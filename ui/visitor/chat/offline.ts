/**
 * The offline message form's logic: which phrase explains why it is shown, what it starts filled
 * with (so a visitor who waited in vain loses nothing they typed), whether the visitor may go back to
 * start a chat, and posting the message (`POST /api/widget/offline-messages`) with the reason and
 * department so operators see the context. Shipped with the extras chunk.
 */
import type { VisitorUser } from "../embed-options";
import { bearer } from "../session/server.client";
import type { ChatView } from "./chat.model";
import { availabilityOf } from "./chat.screen";
import type { ChatSession } from "./chat.session";

/** Reasons the offline message endpoint records. */
const REASONS = new Set(["after_hours", "queue_full", "no_operator", "queue_closed", "queue_timeout"]);

/** The offline message's length limit (the server's). */
const MAX_MESSAGE = 10_000;

/** What the offline form starts with. */
export interface OfflinePrefill {
  readonly name: string;
  readonly email: string;
  readonly message: string;
}

/**
 * The form's starting values: the site's user (setUser) or what the visitor gave in the pre-chat
 * form, and — when a conversation ended without anyone answering (queue timeout, after hours) —
 * everything they wrote in it, one message per paragraph, as the message text.
 */
export function prefillFrom(view: ChatView, contact: { readonly name?: string; readonly email?: string }, user: VisitorUser): OfflinePrefill {
  const written = view.items.flatMap((i) => (i.kind === "message" && i.from === "visitor" && i.text.trim() ? [i.text.trim()] : []));
  return { name: user.name ?? contact.name ?? "", email: user.email ?? contact.email ?? "", message: written.join("\n\n").slice(0, MAX_MESSAGE) };
}

/** The offline form's starting values for this session. */
export function offlinePrefill(s: ChatSession, user: VisitorUser): OfflinePrefill {
  return prefillFrom(s.view, s.contact, user);
}

/** The department the offline form is about: the one the visitor asked about, else the embed's. */
const departmentOf = (s: ChatSession) => s.offlineDepartment ?? s.department;

/** The configured phrase explaining why the offline form is shown, or null for a plain "leave a message". */
export function offlineText(s: ChatSession): string | null {
  if (s.view.offline) return s.view.offline.text;
  return s.config ? availabilityOf(s.config, departmentOf(s)).message : null;
}

/** Whether a chat could start now (the offline form then offers a way back). */
export function canStart(s: ChatSession): boolean {
  return Boolean(s.config && availabilityOf(s.config, s.department).open) && !s.view.offline;
}

function reasonOf(s: ChatSession): string | undefined {
  const reason = s.view.offline?.reason ?? (s.config ? availabilityOf(s.config, departmentOf(s)).reason : undefined);
  return reason && REASONS.has(reason) ? reason : undefined;
}

/** Posts the visitor's offline message; the session then shows the confirmation. */
export async function leaveOfflineMessage(s: ChatSession, form: { name: string; email: string; message: string }): Promise<void> {
  const reason = reasonOf(s);
  const department = departmentOf(s) ?? s.view.department ?? undefined;
  const body = { ...form, pageUrl: location.href.slice(0, 2048), ...(reason ? { reason } : {}), ...(department ? { department } : {}), language: s.language };
  await s.server.json("/api/widget/offline-messages", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", ...bearer(s.visitorToken) } });
  s.offlineMessageSent();
}
