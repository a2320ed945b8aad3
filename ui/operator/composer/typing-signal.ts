/**
 * The operator's "typing…" signal to the visitor: on at the first keystroke, off after a few
 * seconds without one, on send, on blur and when switching conversation — never a frame per key.
 */

/** Sends typing on/off for one conversation at a time. */
export class TypingSignal {
  private on: string | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (conversationId: string, on: boolean) => void,
    private readonly idleMs = 4000,
  ) {}

  /** A keystroke in `conversationId`. */
  keystroke(conversationId: string): void {
    if (this.on !== conversationId) {
      this.stop();
      this.on = conversationId;
      this.send(conversationId, true);
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.stop(), this.idleMs);
  }

  /** Typing stopped (sent, blurred, switched away). */
  stop(): void {
    clearTimeout(this.timer);
    if (this.on) this.send(this.on, false);
    this.on = null;
  }
}
