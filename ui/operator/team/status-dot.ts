/**
 * The coloured dot beside an operator, one look wherever it appears (my status picker, the team
 * drawer, the dashboard's operator table): green takes conversations, amber is connected but not
 * taking any (a busy status, or a dropped socket in its grace period), grey is offline. Each place
 * sets only the dot's size and spacing (`--dot-size`, margins).
 */
import { css, html } from "lit";
import type { OperatorPresence } from "../state/console.model";

/** What the dot says. */
export type DotTone = "ok" | "warn" | "off";

/** Include in `static styles` of an element that draws {@link statusDot}. */
export const statusDotStyles = css`
  .dot { display: inline-block; width: var(--dot-size, 0.6rem); height: var(--dot-size, 0.6rem); border-radius: 50%; background: var(--p-fg-muted); }
  .dot.ok { background: var(--p-ok); }
  .dot.warn { background: var(--p-warn); }
`;

/** The dot (decorative: the status is always written next to it). */
export function statusDot(tone: DotTone) {
  return html`<span class="dot ${tone}" aria-hidden="true"></span>`;
}

/** A colleague's connection as a tone: online, reconnecting (grace), offline or unknown. */
export function presenceTone(presence: OperatorPresence["presence"] | undefined): DotTone {
  return presence === "online" ? "ok" : presence === "grace" ? "warn" : "off";
}
