/**
 * The alert strip under the header that asks for a decision — a transfer offered to me, an
 * operator's request for a manager's help: who and what, their message quoted, and the buttons.
 * One look and one markup for every such banner; each element sets only its colours
 * (`--banner-bg`, `--banner-fg`). Banners are never printed.
 */
import { css, html, nothing, type TemplateResult } from "lit";

/** Include in `static styles` of an element that draws {@link banner}s. */
export const bannerStyles = css`
  :host { display: block; }
  .banner { display: flex; gap: 0.6rem; align-items: center; padding: 0.4rem 0.9rem; background: var(--banner-bg); color: var(--banner-fg, inherit); border-bottom: 1px solid var(--p-border); flex-wrap: wrap; }
  q { font-style: italic; }
  @media print { :host { display: none; } }
`;

/** One banner: `text`, then the sender's `message` quoted when there is one, then `actions`. */
export function banner(testId: string, text: string, message: string | null | undefined, actions: TemplateResult) {
  return html`<div class="banner" role="alert" data-testid=${testId}>${text}${message ? html`: <q>${message}</q>` : nothing} ${actions}</div>`;
}
