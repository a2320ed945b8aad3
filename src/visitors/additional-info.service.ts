/**
 * A visitor's "Additional information" (product documents: "enter further customer details using
 * the Additional information section"): the fields `visitors.additionalInfoFields` declares, filled
 * in by operators, kept per visitor so they show again in the visitor's later conversations, each
 * with who changed it last and when. Who may edit is the caller's business (the route checks that
 * the operator may see a conversation of this visitor).
 */
import type { Config } from "../config/schema";
import type { Clock } from "../core/clock";
import type { AdditionalInfoRow, VisitorAdditionalInfoRepository } from "../storage/repositories/visitor-additional-info.repository";
import { checkAdditionalInfoEdit, maxLengthOf, type AdditionalInfoFieldView } from "./additional-info.model";

/** What the service needs. */
export interface AdditionalInfoDeps {
  readonly repository: Pick<VisitorAdditionalInfoRepository, "list" | "apply">;
  readonly config: () => Config;
  readonly clock: Clock;
}

/** Reads and edits visitors' additional information. */
export class VisitorAdditionalInfoService {
  constructor(private readonly deps: AdditionalInfoDeps) {}

  /** Every configured field, in configuration order, with the visitor's value (null when empty). */
  view(visitorId: string): AdditionalInfoFieldView[] {
    const config = this.deps.config();
    const stored = new Map(this.deps.repository.list(visitorId).map((r) => [r.fieldId, r]));
    const names = new Map(config.operators.map((o) => [o.id, o.name]));
    return config.visitors.additionalInfoFields.map((field) => {
      const row = stored.get(field.id);
      return {
        id: field.id,
        label: field.label,
        type: field.type,
        options: field.type === "select" ? [...(field.options ?? [])] : null,
        maxLength: maxLengthOf(field),
        value: row?.value ?? null,
        updatedAt: row?.updatedAt ?? null,
        updatedBy: row?.updatedBy ?? null,
        updatedByName: row ? (names.get(row.updatedBy) ?? row.updatedBy) : null,
      };
    });
  }

  /**
   * Applies an operator's edit (only the fields named; null or blank empties one) and returns the
   * new view. A value equal to the stored one is not a change: its author and time stay.
   */
  update(visitorId: string, values: Readonly<Record<string, string | null>>, operatorId: string): AdditionalInfoFieldView[] {
    const edit = checkAdditionalInfoEdit(this.deps.config().visitors.additionalInfoFields, values);
    const stored = new Map(this.deps.repository.list(visitorId).map((r) => [r.fieldId, r]));
    const now = this.deps.clock.now();
    const set: AdditionalInfoRow[] = [];
    for (const [fieldId, value] of edit.set) {
      if (stored.get(fieldId)?.value !== value) set.push({ visitorId, fieldId, value, updatedAt: now, updatedBy: operatorId });
    }
    const clear = edit.clear.filter((id) => stored.has(id));
    if (set.length > 0 || clear.length > 0) this.deps.repository.apply(visitorId, set, clear);
    return this.view(visitorId);
  }
}
