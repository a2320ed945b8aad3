/**
 * The offline message form's logic: which phrase explains why it is shown, whether the visitor may go
 * back to start a chat, and posting the message (`POST /api/widget/offline-messages`) with the reason
 * and department so operators see the context. Shipped with the extras chunk.
 */
import { bearer } from "../session/server.client";
import { availabilityOf } from "./chat.screen";
import type { ChatSession } from "./chat.session";

/** Reasons the offline message endpoint records. */
const REASONS = new Set(["after_hours", "queue_full", "no_operator", "queue_closed"]);

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
  const body = { ...form, pageUrl: location.href.slice(0, 2048), ...(reason ? { reason } : {}), ...(department ? { department } : {}) };
  await s.server.json("/api/widget/offline-messages", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", ...bearer(s.visitorToken) } });
  s.offlineMessageSent();
}
