/**
 * The launcher button, drawn by the loader with plain DOM (no Lit) so the first paint on a customer's
 * page costs a couple of kilobytes. The app takes it over once loaded (labels, unread badge).
 */
import type { LauncherControl } from "./widget.contract";

const CHAT_ICON = `<svg aria-hidden="true" viewBox="0 0 24 24" width="28" height="28"><path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Z"/></svg>`;
const CLOSE_ICON = `<svg aria-hidden="true" viewBox="0 0 24 24" width="26" height="26"><path fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" d="M6 6l12 12M18 6 6 18"/></svg>`;

/** Styles of the widget's host and launcher; `:host { all: initial }` stops the page's inherited styles at the boundary. */
export const LAUNCHER_CSS = `
:host{all:initial}
.launcher{position:fixed;bottom:20px;z-index:2147483000;width:56px;height:56px;border:0;border-radius:50%;padding:0;cursor:pointer;
display:grid;place-items:center;background:var(--parley-primary);color:var(--parley-on-primary);box-shadow:0 4px 16px rgb(0 0 0/.25)}
.launcher.right{right:20px}.launcher.left{left:20px}
.launcher:focus-visible{outline:3px solid #0b57d0;outline-offset:3px}
.launcher[aria-busy=true]{opacity:.8;cursor:progress}
.launcher[hidden]{display:none}
.badge{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 5px;box-sizing:border-box;border-radius:10px;
background:#b42318;color:#fff;font:600 12px/20px system-ui,sans-serif;text-align:center}
.badge[hidden]{display:none}
@media (prefers-reduced-motion:no-preference){.launcher{transition:transform .15s ease}.launcher:hover{transform:scale(1.06)}}
`;

/** Launcher labels (the loader's built-in ones until the app localizes them). */
export interface LauncherLabels {
  readonly open: string;
  readonly close: string;
  readonly unread: (count: number) => string;
}

/** Draws the launcher into `root` (coloured by `colors`, see WidgetHost.brandColors) and returns its control. */
export function createLauncher(
  root: ShadowRoot,
  position: "left" | "right",
  color: string,
  labels: LauncherLabels,
  colors: (primary: string) => Record<string, string>,
): LauncherControl {
  const style = document.createElement("style");
  style.textContent = LAUNCHER_CSS;
  const button = document.createElement("button");
  button.type = "button";
  button.className = `launcher ${position}`;
  button.setAttribute("aria-haspopup", "dialog");
  button.setAttribute("aria-expanded", "false");
  const icon = document.createElement("span");
  const badge = document.createElement("span");
  badge.className = "badge";
  badge.hidden = true;
  badge.setAttribute("aria-hidden", "true");
  button.append(icon, badge);
  root.append(style, button);

  const paint = (value: string) => {
    for (const [name, v] of Object.entries(colors(value))) button.style.setProperty(name, v);
  };
  paint(color);
  let open = false;
  let unread = 0;
  let current = labels;
  const render = () => {
    icon.innerHTML = open ? CLOSE_ICON : CHAT_ICON;
    button.setAttribute("aria-expanded", String(open));
    const label = open ? current.close : current.open;
    button.setAttribute("aria-label", unread > 0 && !open ? `${label} (${current.unread(unread)})` : label);
    badge.hidden = unread === 0 || open;
    badge.textContent = unread > 9 ? "9+" : String(unread);
  };
  render();
  return {
    element: button,
    setOpen(value) {
      open = value;
      render();
    },
    setUnread(count) {
      unread = Math.max(0, count);
      render();
    },
    setBusy(busy) {
      button.setAttribute("aria-busy", String(busy));
    },
    setLabels(next) {
      current = next;
      render();
    },
    setHidden(hidden) {
      button.hidden = hidden;
    },
    setColor: paint,
  };
}
