/**
 * A once-a-second re-render for hosts that show live durations (waiting time since the visitor's
 * last message). One shared interval for the whole page, started only while someone listens.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";

const hosts = new Set<ReactiveControllerHost>();
let timer: ReturnType<typeof setInterval> | null = null;

/** Re-renders its host every second while connected; `now` is the time of the current render. */
export class Ticker implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** The current time (epoch ms). */
  get now(): number {
    return Date.now();
  }

  hostConnected(): void {
    hosts.add(this.host);
    timer ??= setInterval(() => {
      for (const host of hosts) host.requestUpdate();
    }, 1000);
  }

  hostDisconnected(): void {
    hosts.delete(this.host);
    if (hosts.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  }
}
