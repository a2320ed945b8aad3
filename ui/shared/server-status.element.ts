/**
 * `<parley-server-status>`: a small badge showing whether the Parley server is ready, polled from
 * /readyz. Shared by the console and the dashboard shells so an operator sees at a glance when the
 * server is restarting or degraded.
 */
import { LitElement, css, html } from "lit";
import { customElement, property, state } from "lit/decorators.js";

/** Shows "ready" or the first failing readiness check; re-checks every `interval` seconds. */
@customElement("parley-server-status")
export class ServerStatusElement extends LitElement {
  static override styles = css`
    :host { display: inline-flex; align-items: center; gap: 0.4rem; font: 0.85rem system-ui, sans-serif; color: #57606a; }
    .dot { width: 0.6rem; height: 0.6rem; border-radius: 50%; background: #afb8c1; }
    .ok { background: #1a7f37; }
    .down { background: #cf222e; }
  `;

  /** Seconds between checks. */
  @property({ type: Number }) accessor interval = 15;
  @state() private accessor status: "checking" | "ready" | string = "checking";
  private timer: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.check();
    this.timer = setInterval(() => void this.check(), this.interval * 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  private async check(): Promise<void> {
    try {
      const res = await fetch("/readyz", { cache: "no-store" });
      const body = (await res.json()) as { status: string; checks: Record<string, string> };
      this.status = body.status === "ready" ? "ready" : Object.entries(body.checks).find(([, v]) => v !== "ok")?.join(": ") ?? "unavailable";
    } catch {
      this.status = "server unreachable";
    }
  }

  override render() {
    const cls = this.status === "ready" ? "ok" : this.status === "checking" ? "" : "down";
    return html`<span class="dot ${cls}"></span><span>${this.status === "ready" ? "Server ready" : this.status}</span>`;
  }
}
