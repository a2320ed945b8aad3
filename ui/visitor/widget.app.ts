/**
 * The chat app chunk, loaded by /widget.js when needed. `mount` reads the server's widget config,
 * picks the language (snippet's data-language, else the page's `<html lang>`, else the configured
 * default), localizes the launcher, puts the panel into the loader's shadow root and resumes a
 * conversation already going on, then hands `window.Parley` its implementation.
 */
import { msg, str } from "@lit/localize";
import { directionOf, pickLanguage, setupLocalization } from "../shared/i18n/localize";
import { ChatSession } from "./chat/chat.session";
import "./elements/chat-panel.element";
import type { ChatPanelElement } from "./elements/chat-panel.element";
import { ServerClient } from "./session/server.client";
import type { MountWidget, WidgetApp } from "./widget.contract";

/** Mounts the chat into the loader's shadow root; called once. */
export const mount: MountWidget = async (host) => {
  const localization = setupLocalization({ fr: () => import("./locales/fr") });
  const server = new ServerClient(host.options.server);
  const storage = host.storage;
  let language = pickLanguage([host.options.language, document.documentElement.lang]);
  const session = new ChatSession({ server, storage, user: () => host.user, emit: (e, d) => host.emit(e, d), language: () => language, department: host.options.department });

  const config = await session.loadConfig();
  language = pickLanguage([host.options.language, document.documentElement.lang, config?.defaultLanguage]);
  await localization.setLocale(language);
  host.launcher.setLabels({
    open: msg("Open the chat", { id: "launcher.open" }),
    close: msg("Close the chat", { id: "launcher.close" }),
    unread: (count) => msg(str`Unread messages: ${count}`, { id: "launcher.unread" }),
  });
  const brand = host.options.color ?? config?.primaryColor ?? storage.get().color ?? "#1f5fbf";
  if (!host.options.color && config) host.launcher.setColor(brand);

  const panel = document.createElement("parley-widget-panel") as ChatPanelElement;
  Object.assign(panel, { session, storage, host, locale: language, brand });
  panel.setAttribute("lang", language);
  panel.setAttribute("dir", directionOf(language));
  host.root.append(panel);

  session.subscribe(() => host.launcher.setUnread(session.unread));
  const stored = storage.get();
  if (stored.conversationId || stored.outbox?.length) void session.activate();
  host.emit("ready", { language });

  const app: WidgetApp = {
    open: () => panel.open(),
    close: () => panel.close(),
    isOpen: () => panel.isOpen,
    unread: () => session.unread,
    setUser: () => void session.setUser(),
  };
  return app;
};
