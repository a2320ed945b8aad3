/**
 * `/widget.js`: what a customer's page loads. A classic script of a few kilobytes, no Lit: it reads
 * the snippet's data- options, draws the launcher in a shadow root (page styles cannot reach in, ours
 * cannot leak out), installs `window.Parley`, and downloads the chat app only when it is needed — on
 * the first open, when the browser is idle, or at once when a conversation is already going on (so a
 * navigation or reload continues it).
 */
import { mergeUser, readEmbedOptions, type VisitorUser } from "./embed-options";
import { createLauncher } from "./launcher.view";
import { loaderStrings } from "./loader.strings";
import { AA_NORMAL, brandColors, contrastRatio } from "../shared/color-contrast";
import { SessionStorage } from "./session/session.storage";
import { createParleyApi, replayQueuedCalls, WidgetEvents } from "./widget-api";
import type { MountWidget, WidgetApp, WidgetHost } from "./widget.contract";

/** Path of the app chunk relative to widget.js, set by the build (scripts/widget-build.ts). */
declare const __PARLEY_APP__: string;

const DEFAULT_COLOR = "#1f5fbf";
/** Load the app at the latest this long after the page, when the browser never idles. */
const IDLE_TIMEOUT_MS = 5000;

function boot(): void {
  const w = window as unknown as { Parley?: unknown; __parleyWidget?: true };
  if (w.__parleyWidget) return; // embedded twice: the first one wins
  w.__parleyWidget = true;

  const script = (document.currentScript ?? document.querySelector('script[src*="/widget.js"]')) as HTMLScriptElement | null;
  const options = readEmbedOptions({ ...script?.dataset }, script?.src || null, location.href, (m) => console.warn(m));
  const appUrl = new URL(__PARLEY_APP__, script?.src || location.href).href;
  const storage = new SessionStorage(options.server);
  const stored = storage.get();
  const strings = loaderStrings(options.language ?? document.documentElement.lang);

  const hostElement = document.createElement("parley-widget");
  const root = hostElement.attachShadow({ mode: "open" });
  // The snippet's text colour is used only when readable (AA) on the brand colour.
  const colors = (primary: string) => {
    const properties = brandColors(primary);
    if (options.textColor && contrastRatio(options.textColor, primary) >= AA_NORMAL) properties["--parley-on-primary"] = options.textColor;
    return properties;
  };
  const launcher = createLauncher(root, options.position, options.color ?? stored.color ?? DEFAULT_COLOR, strings, colors);
  launcher.setHidden(options.hideLauncher);
  const events = new WidgetEvents();
  let user: VisitorUser = options.user;
  let app: WidgetApp | null = null;
  let loading: Promise<WidgetApp> | null = null;

  const host: WidgetHost = {
    options,
    root,
    launcher,
    storage,
    brandColors: colors,
    emit: (event, detail) => events.emit(event, detail),
    get user() {
      return user;
    },
  };

  const load = (): Promise<WidgetApp> => {
    if (loading) return loading;
    launcher.setBusy(true);
    loading = (import(/* @vite-ignore */ appUrl) as Promise<{ mount: MountWidget }>)
      .then((module) => module.mount(host))
      .then((mounted) => (app = mounted))
      .catch((error: unknown) => {
        loading = null; // a later click tries again
        console.error("Parley: the chat could not be loaded", error);
        throw error;
      })
      .finally(() => launcher.setBusy(false));
    return loading;
  };

  const api = createParleyApi({ app: () => app, load, rememberUser: (u) => (user = mergeUser(user, u)) }, events);
  launcher.element.addEventListener("click", () => api.toggle());
  const queued = w.Parley;
  w.Parley = api;

  const mount = () => {
    document.body.append(hostElement);
    replayQueuedCalls(queued, api);
    window.dispatchEvent(new CustomEvent("parley:ready", { detail: api }));
    if (stored.conversationId || stored.open || options.openOnLoad) {
      if (options.openOnLoad || stored.open) api.open();
      else void load().catch(() => {});
    } else if ("requestIdleCallback" in window) {
      requestIdleCallback(() => void load().catch(() => {}), { timeout: IDLE_TIMEOUT_MS });
    } else {
      setTimeout(() => void load().catch(() => {}), IDLE_TIMEOUT_MS);
    }
  };
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount, { once: true });
}

boot();
