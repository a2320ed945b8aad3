/**
 * `<parley-list-filters>`: the filter bar under the folders — search, assigned to me, department,
 * priority, tag and sort order. Emits `filter-change` with the changed fields.
 */
import { LitElement, css, html } from "lit";
import { customElement, property } from "lit/decorators.js";
import { msg, localized } from "@lit/localize";
import type { Priority } from "../../shared/protocol";
import { controls } from "../theme/theme.styles";
import type { ListFilter, SortOrder } from "./conversation-filter";
import { PRIORITIES, priorityLabel } from "./conversation-labels";

/** The list's filter controls. */
@localized()
@customElement("parley-list-filters")
export class ListFiltersElement extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: block; padding: 0.4rem; border-bottom: 1px solid var(--p-border); }
      .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0.3rem; }
      input[type="search"] { grid-column: 1 / -1; }
      select { font-size: 0.82rem; min-width: 0; }
      label.mine { display: flex; align-items: center; gap: 0.3rem; font-size: 0.85rem; }
    `,
  ];

  @property({ attribute: false }) accessor filter!: ListFilter;
  @property({ attribute: false }) accessor departments: readonly { id: string; name: string }[] = [];
  @property({ attribute: false }) accessor tags: readonly string[] = [];

  /** Puts the focus in the search box (Alt+F). */
  focusSearch(): void {
    this.renderRoot.querySelector<HTMLInputElement>("input[type=search]")?.focus();
  }

  override render() {
    const f = this.filter;
    return html`<div class="grid">
      <input type="search" .value=${f.search} placeholder=${msg("Search a visitor…", { id: "filters.search" })} aria-label=${msg("Search a visitor…", { id: "filters.search" })} @input=${(e: Event) => this.emit({ search: (e.target as HTMLInputElement).value })} />
      <label class="mine"><input type="checkbox" data-testid="filter-mine" .checked=${f.mine} @change=${(e: Event) => this.emit({ mine: (e.target as HTMLInputElement).checked })} />${msg("Assigned to me", { id: "filters.mine" })}</label>
      <select aria-label=${msg("Sort", { id: "filters.sort" })} data-testid="filter-sort" @change=${(e: Event) => this.emit({ sort: (e.target as HTMLSelectElement).value as SortOrder })}>
        <option value="newest" ?selected=${f.sort === "newest"}>${msg("Newest first", { id: "filters.newest" })}</option>
        <option value="priority" ?selected=${f.sort === "priority"}>${msg("Priority / SLA", { id: "filters.priority" })}</option>
      </select>
      ${this.departments.length
        ? html`<select aria-label=${msg("Department", { id: "filters.department" })} data-testid="filter-department" @change=${(e: Event) => this.emit({ department: (e.target as HTMLSelectElement).value || null })}>
            <option value="">${msg("All departments", { id: "filters.allDepartments" })}</option>
            ${this.departments.map((d) => html`<option value=${d.id} ?selected=${f.department === d.id}>${d.name}</option>`)}
          </select>`
        : null}
      <select aria-label=${msg("Priority", { id: "filters.priorityLabel" })} data-testid="filter-priority" @change=${(e: Event) => this.emit({ priority: ((e.target as HTMLSelectElement).value || null) as Priority | null })}>
        <option value="">${msg("Any priority", { id: "filters.anyPriority" })}</option>
        ${PRIORITIES.map((p) => html`<option value=${p} ?selected=${f.priority === p}>${priorityLabel(p)}</option>`)}
      </select>
      ${this.tags.length || f.tag
        ? html`<select aria-label=${msg("Tag", { id: "filters.tag" })} data-testid="filter-tag" @change=${(e: Event) => this.emit({ tag: (e.target as HTMLSelectElement).value || null })}>
            <option value="">${msg("Any tag", { id: "filters.anyTag" })}</option>
            ${[...new Set([...this.tags, ...(f.tag ? [f.tag] : [])])].map((t) => html`<option value=${t} ?selected=${f.tag === t}>${t}</option>`)}
          </select>`
        : null}
    </div>`;
  }

  private emit(patch: Partial<ListFilter>): void {
    this.dispatchEvent(new CustomEvent("filter-change", { detail: patch }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "parley-list-filters": ListFiltersElement;
  }
}
