/**
 * Getting the operator's attention when something new needs them, even in another tab: a short
 * two-tone beep (WebAudio, no sound file to ship), a browser notification (permission asked once,
 * on a click, as browsers require), and the page title blinking with the count until the console
 * is looked at again. The operator's {@link AlertPreferences} (user menu) can mute the sounds and
 * turn the notifications off; the title still blinks.
 */
import { DEFAULT_ALERT_PREFERENCES, type AlertPreferences } from "./alert-preferences";

/** What an alert shows. */
export interface AttentionRequest {
  readonly title: string;
  readonly body: string;
  /** Same tag replaces the previous notification instead of stacking. */
  readonly tag: string;
  readonly sound: boolean;
  /** False: no browser notification for this one (the beep and title blink only). */
  readonly notification?: boolean;
  /** Called when the operator clicks the notification. */
  readonly onClick?: () => void;
}

const ASKED_KEY = "parley.console.notificationsAsked";

/** Beeps, notifies and blinks the title. One per page. */
export class Attention {
  private audio: AudioContext | null = null;
  private blinkTimer: ReturnType<typeof setInterval> | null = null;
  private unseen = 0;
  private readonly baseTitle: string;
  /** What the operator chose to hear and see (user menu). */
  preferences: AlertPreferences = DEFAULT_ALERT_PREFERENCES;

  constructor(private readonly doc: Document = document) {
    this.baseTitle = doc.title;
    doc.addEventListener("visibilitychange", () => {
      if (doc.visibilityState === "visible") this.seen();
    });
    window.addEventListener("focus", () => this.seen());
  }

  /** Whether the page is out of sight (another tab or window has the focus). */
  get outOfSight(): boolean {
    return this.doc.visibilityState !== "visible" || !this.doc.hasFocus();
  }

  /** Whether the browser supports notifications and what the operator decided. */
  get permission(): NotificationPermission | "unsupported" {
    return typeof Notification === "undefined" ? "unsupported" : Notification.permission;
  }

  /**
   * Asks for the notification permission, once per browser (the answer is remembered by the
   * browser; we only remember that we asked). Call from a user gesture (click, key).
   */
  async askPermissionOnce(storage: Pick<Storage, "getItem" | "setItem"> | null = localStorage): Promise<void> {
    if (this.permission !== "default") return;
    try {
      if (storage?.getItem(ASKED_KEY)) return;
      storage?.setItem(ASKED_KEY, "1");
    } catch {
      /* storage unavailable: ask anyway */
    }
    await Notification.requestPermission().catch(() => "denied");
  }

  /** Asks for the permission now (the header's bell button). */
  async askPermission(): Promise<NotificationPermission | "unsupported"> {
    if (this.permission === "unsupported") return "unsupported";
    return Notification.requestPermission();
  }

  /** Raises one alert. */
  notify(request: AttentionRequest): void {
    if (request.sound && this.preferences.sound) this.beep();
    if (this.permission === "granted" && this.preferences.notifications && request.notification !== false) {
      try {
        const n = new Notification(request.title, { body: request.body, tag: request.tag });
        n.onclick = () => {
          window.focus();
          request.onClick?.();
          n.close();
        };
      } catch {
        /* some browsers only allow notifications from a service worker: the beep and the title remain */
      }
    }
    if (this.outOfSight) this.blink();
  }

  /** A short, friendly two-tone beep. */
  beep(): void {
    try {
      const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
      if (!Ctor) return;
      this.audio ??= new Ctor();
      const ctx = this.audio;
      if (ctx.state === "suspended") void ctx.resume();
      const t = ctx.currentTime;
      for (const [i, freq] of [880, 1320].entries()) {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.type = "sine";
        osc.frequency.value = freq;
        const start = t + i * 0.16;
        gain.gain.setValueAtTime(0.0001, start);
        gain.gain.exponentialRampToValueAtTime(0.25, start + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.14);
        osc.connect(gain).connect(ctx.destination);
        osc.start(start);
        osc.stop(start + 0.15);
      }
    } catch {
      /* audio blocked until the first interaction: the notification and the title still show */
    }
  }

  private blink(): void {
    this.unseen++;
    if (this.blinkTimer) return;
    let on = false;
    this.blinkTimer = setInterval(() => {
      on = !on;
      this.doc.title = on ? `(${this.unseen}) ● ${this.baseTitle}` : this.baseTitle;
    }, 1000);
  }

  private seen(): void {
    this.unseen = 0;
    if (this.blinkTimer) clearInterval(this.blinkTimer);
    this.blinkTimer = null;
    this.doc.title = this.baseTitle;
  }
}
