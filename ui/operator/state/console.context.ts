/**
 * What every console component can reach, provided once by the root through @lit/context:
 * the store, the socket, the REST API, the configuration, the signed-in operator, drafts,
 * attention (beep/notification) and a small bus for cross-panel requests (insert text into the
 * composer, open the transfer dialog…).
 */
import { createContext } from "@lit/context";
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { Attention } from "../alerts/attention";
import type { ConsoleApi, ConsoleConfig, SessionOperator } from "../api/console.api";
import type { Drafts } from "../composer/drafts";
import type { OperatorConnection } from "../connection/operator-connection";
import type { ConsoleState } from "./console.model";
import type { ConsoleStore } from "./console.store";

/** Requests one panel makes of another. */
export type ConsoleRequest =
  | { readonly kind: "insert-text"; readonly text: string; readonly knowledge?: { readonly title: string; readonly body: string } }
  | { readonly kind: "canned-search" }
  | { readonly kind: "toggle-note" }
  | { readonly kind: "focus-composer" }
  | { readonly kind: "transfer" }
  | { readonly kind: "step-conversation"; readonly step: 1 | -1 }
  | { readonly kind: "focus-search" }
  | { readonly kind: "toast"; readonly text: string; readonly tone: "info" | "error" };

/** The services of a signed-in console. */
export interface ConsoleServices {
  readonly api: ConsoleApi;
  readonly store: ConsoleStore;
  readonly connection: OperatorConnection;
  readonly config: ConsoleConfig;
  readonly session: SessionOperator;
  readonly drafts: Drafts;
  readonly attention: Attention;
  readonly bus: EventTarget;
}

/** The context key. */
export const servicesContext = createContext<ConsoleServices | undefined>(Symbol("parley-console-services"));

/** Whether a feature is on for my role (config.permissions): off means absent from the UI. */
export function can(services: ConsoleServices, permission: string): boolean {
  return services.config.permissions[permission] === true;
}

/** Sends a request on the bus. */
export function request(services: ConsoleServices, req: ConsoleRequest): void {
  services.bus.dispatchEvent(new CustomEvent<ConsoleRequest>("console-request", { detail: req }));
}

/** Shows a short message to the operator. */
export function toast(services: ConsoleServices, text: string, tone: "info" | "error" = "info"): void {
  request(services, { kind: "toast", text, tone });
}

/** Listens to bus requests while the host is connected. */
export class RequestListener implements ReactiveController {
  private readonly handler = (e: Event) => this.fn((e as CustomEvent<ConsoleRequest>).detail);
  private target: EventTarget | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly bus: () => EventTarget | undefined,
    private readonly fn: (req: ConsoleRequest) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.attach();
  }

  hostUpdate(): void {
    this.attach();
  }

  private attach(): void {
    if (this.target) return;
    this.target = this.bus() ?? null;
    this.target?.addEventListener("console-request", this.handler);
  }

  hostDisconnected(): void {
    this.target?.removeEventListener("console-request", this.handler);
    this.target = null;
  }
}

/** Re-renders its host whenever the store changes; `state` is the latest state. */
export class StoreController implements ReactiveController {
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly store: () => ConsoleStore | undefined,
  ) {
    host.addController(this);
  }

  /** The current state, or null before the services are available. */
  get state(): ConsoleState | null {
    return this.store()?.state ?? null;
  }

  hostConnected(): void {
    this.attach();
  }

  /** The context may deliver the store after connection: attach on the first update that has it. */
  hostUpdate(): void {
    this.attach();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private attach(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.store()?.subscribe(() => this.host.requestUpdate()) ?? null;
  }
}
