/**
 * The visitor record's REST calls (docs/api.md, "Visitors"): the additional information operators
 * fill in, read and saved through the conversation on screen, and erasing the visitor.
 */
import type { ApiClient } from "../api/api.client";

/** One field of the visitor's additional information, as the server sends it. */
export interface AdditionalInfoField {
  readonly id: string;
  readonly label: string;
  readonly type: "text" | "textarea" | "select" | "date";
  readonly options: readonly string[] | null;
  readonly maxLength: number | null;
  readonly value: string | null;
  readonly updatedAt: number | null;
  readonly updatedBy: string | null;
  readonly updatedByName: string | null;
}

/** The visitor's additional information. */
export interface AdditionalInfo {
  readonly visitorId: string;
  readonly fields: readonly AdditionalInfoField[];
}

/** What an erasure removed. */
export interface ErasureReport {
  readonly visitorId: string;
  readonly erased: Readonly<Record<string, number>> & { readonly conversations: number };
}

const path = (conversationId: string) => `/api/conversations/${encodeURIComponent(conversationId)}/visitor/additional-info`;

/** The additional information of the visitor of `conversationId`. */
export function loadAdditionalInfo(http: ApiClient, conversationId: string): Promise<AdditionalInfo> {
  return http.get<AdditionalInfo>(path(conversationId));
}

/** Saves the changed fields (null empties one); all or nothing. */
export function saveAdditionalInfo(http: ApiClient, conversationId: string, values: Readonly<Record<string, string | null>>): Promise<AdditionalInfo> {
  return http.patch<AdditionalInfo>(path(conversationId), { values });
}

/** Erases the visitor and everything about them (managers and admins). */
export function eraseVisitor(http: ApiClient, visitorId: string): Promise<ErasureReport> {
  return http.delete<ErasureReport>(`/api/visitors/${encodeURIComponent(visitorId)}`);
}

/** The changes between the stored fields and what the form holds: only what differs, blanks as null. */
export function changedValues(fields: readonly AdditionalInfoField[], edits: ReadonlyMap<string, string>): Record<string, string | null> {
  const changes: Record<string, string | null> = {};
  for (const field of fields) {
    if (!edits.has(field.id)) continue;
    const next = edits.get(field.id)!.trim();
    if (next === (field.value ?? "")) continue;
    changes[field.id] = next === "" ? null : edits.get(field.id)!;
  }
  return changes;
}
