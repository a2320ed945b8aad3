/**
 * The visitor panel's "browser and OS" line, parsed locally from the user agent the widget sent
 * (bowser, the maintained MIT parser), never by an external look-up.
 */
import Bowser from "bowser";

/** What the visitor panel shows about the visitor's device. */
export interface DeviceSummary {
  /** e.g. "Firefox 128". Null when the agent is unknown. */
  readonly browser: string | null;
  /** e.g. "Windows 10", "macOS 14.2", "iOS 17.2". */
  readonly os: string | null;
  /** desktop, mobile, tablet, tv… or null. */
  readonly device: string | null;
}

/** The user agent reduced to browser, OS and device type; nulls for what cannot be told. */
export function describeUserAgent(userAgent: string | null | undefined): DeviceSummary {
  const ua = userAgent?.trim();
  if (!ua) return { browser: null, os: null, device: null };
  const parser = Bowser.getParser(ua);
  const browser = parser.getBrowser();
  const os = parser.getOS();
  const platform = parser.getPlatform();
  const major = browser.version?.split(".")[0];
  const osVersion = os.versionName ?? (os.version && !/^NT\b/.test(os.version) ? os.version : undefined);
  return {
    browser: browser.name ? [browser.name, major].filter(Boolean).join(" ") : null,
    os: os.name ? [os.name, osVersion].filter(Boolean).join(" ") : null,
    device: platform.type ?? null,
  };
}

/**
 * The visitor's local time, computed from their IANA timezone (sent by the widget) — null when
 * the timezone is unknown or not valid.
 */
export function visitorLocalTime(timezone: string | null | undefined, now: number, locale: string): string | null {
  if (!timezone) return null;
  try {
    return new Intl.DateTimeFormat(locale, { timeZone: timezone, hour: "2-digit", minute: "2-digit", weekday: "short" }).format(now);
  } catch {
    return null;
  }
}

/** A language tag as a readable name in the operator's language ("fr-CA" → "French (Canada)"). */
export function languageName(tag: string | null | undefined, locale: string): string | null {
  if (!tag) return null;
  try {
    return new Intl.DisplayNames([locale], { type: "language" }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
