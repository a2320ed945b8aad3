/**
 * Design tokens shared by Parley's UIs, as CSS custom properties on `:host`. Every text/background
 * pair here meets WCAG AA (checked by tokens.test.ts); the brand colour comes from configuration and
 * goes through color-contrast.ts before it is used, so a light brand colour cannot break that.
 * Layout in the UIs uses logical properties (inline/block), so right-to-left languages just work.
 */
import { css, unsafeCSS, type CSSResult } from "lit";
import { brandColors } from "./color-contrast";

/** The neutral palette (light theme); text colours are AA on both surfaces. */
export const PALETTE = {
  text: "#1b1f24",
  textMuted: "#57606a",
  surface: "#ffffff",
  surfaceAlt: "#f3f5f8",
  border: "#c9d1d9",
  danger: "#b42318",
  success: "#1a7f37",
  warningBg: "#fff4d6",
  warningText: "#6b4a00",
  focus: "#0b57d0",
} as const;

/** Fonts, radii, spacing, shadows: the non-colour tokens. */
export const tokens: CSSResult = css`
  :host {
    --parley-font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
    --parley-text: ${unsafeCSS(PALETTE.text)};
    --parley-text-muted: ${unsafeCSS(PALETTE.textMuted)};
    --parley-surface: ${unsafeCSS(PALETTE.surface)};
    --parley-surface-alt: ${unsafeCSS(PALETTE.surfaceAlt)};
    --parley-border: ${unsafeCSS(PALETTE.border)};
    --parley-danger: ${unsafeCSS(PALETTE.danger)};
    --parley-success: ${unsafeCSS(PALETTE.success)};
    --parley-warning-bg: ${unsafeCSS(PALETTE.warningBg)};
    --parley-warning-text: ${unsafeCSS(PALETTE.warningText)};
    --parley-focus: ${unsafeCSS(PALETTE.focus)};
    --parley-radius: 0.75rem;
    --parley-radius-small: 0.4rem;
    --parley-space: 0.75rem;
    --parley-shadow: 0 0.5rem 2rem rgb(0 0 0 / 0.22);
  }
`;

/** The brand-derived custom properties for a configured colour: itself, readable text on it, and an AA-safe text variant. */
export function brandProperties(primary: string): Record<string, string> {
  return brandColors(primary, PALETTE.surface);
}
