/**
 * Base for the panel's inner elements: they keep their own state and template but render into the
 * panel's shadow root (no shadow root of their own), so the panel's one stylesheet styles them and
 * its focus trap sees every focusable control in one tree.
 *
 * The widget's elements declare their reactive properties in `static properties` (with `declare`d
 * fields, defaults set in the constructor) rather than with decorators: the standard-decorator
 * runtime the bundler emits for `@property accessor` costs about 1 KB gzip of the first load.
 */
import { LitElement, type PropertyDeclaration } from "lit";

/** A LitElement rendering into its light DOM. */
export class LightElement extends LitElement {
  protected override createRenderRoot(): HTMLElement {
    return this;
  }
}

/** A property the parent sets from a template (`.name=${…}`): reactive, no attribute. */
export const INPUT: PropertyDeclaration = { attribute: false };
/** The element's own reactive state (re-renders on change, never an attribute). */
export const STATE: PropertyDeclaration = { state: true };

/** Registers an element once (the widget may share a page with another copy of itself in tests). */
export function define(name: string, element: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, element);
}
