/**
 * Base for the panel's inner elements: they keep their own state and template but render into the
 * panel's shadow root (no shadow root of their own), so the panel's one stylesheet styles them and
 * its focus trap sees every focusable control in one tree.
 */
import { LitElement } from "lit";

/** A LitElement rendering into its light DOM. */
export class LightElement extends LitElement {
  protected override createRenderRoot(): HTMLElement {
    return this;
  }
}

/** Registers an element once (the widget may share a page with another copy of itself in tests). */
export function define(name: string, element: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, element);
}
