/**
 * Routes keyboard shortcuts (shell/shortcuts.ts) to the panels: listens on the window so a
 * shortcut works wherever the focus is, and sends the matching request on the console bus.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { request, type ConsoleServices } from "../state/console.context";
import { shortcutFor } from "./shortcuts";

/** The console's keyboard shortcut handler. */
export class ConsoleKeyboard implements ReactiveController {
  private readonly listener = (e: KeyboardEvent) => this.handle(e);

  constructor(
    host: ReactiveControllerHost,
    private readonly services: () => ConsoleServices | undefined,
    private readonly toggleHelp: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener("keydown", this.listener);
  }

  hostDisconnected(): void {
    window.removeEventListener("keydown", this.listener);
  }

  /** Handles one key press; returns true when it was a shortcut. */
  handle(e: KeyboardEvent): boolean {
    if ((e as KeyboardEvent & { parleyHandled?: boolean }).parleyHandled) return false;
    (e as KeyboardEvent & { parleyHandled?: boolean }).parleyHandled = true;
    const services = this.services();
    if (!services) return false;
    const target = e.composedPath()[0] as HTMLElement | undefined;
    const inText = !!target && (target.tagName === "TEXTAREA" || target.tagName === "INPUT" || target.isContentEditable);
    const action = shortcutFor({ key: e.key, altKey: e.altKey, ctrlKey: e.ctrlKey, metaKey: e.metaKey, shiftKey: e.shiftKey, inText });
    if (!action) return false;
    e.preventDefault();
    switch (action) {
      case "next-conversation":
        request(services, { kind: "step-conversation", step: 1 });
        break;
      case "previous-conversation":
        request(services, { kind: "step-conversation", step: -1 });
        break;
      case "canned-search":
        request(services, { kind: "canned-search" });
        break;
      case "toggle-note":
        request(services, { kind: "toggle-note" });
        break;
      case "focus-composer":
        request(services, { kind: "focus-composer" });
        break;
      case "focus-search":
        request(services, { kind: "focus-search" });
        break;
      case "transfer":
        request(services, { kind: "transfer" });
        break;
      case "accept-next":
        this.acceptNext(services);
        break;
      case "help":
        this.toggleHelp();
        break;
    }
    return true;
  }

  /** Takes the conversation that has waited longest. */
  private acceptNext(services: ConsoleServices): void {
    const waiting = [...services.store.state.conversations.values()].filter((e) => e.view.state === "waiting").sort((a, b) => a.view.createdAt - b.view.createdAt)[0];
    if (!waiting) return;
    services.store.select(waiting.view.id);
    void services.connection.accept(waiting.view.id).catch(() => undefined);
  }
}
