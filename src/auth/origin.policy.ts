/**
 * Origin checks. Staff pages are served from `server.publicUrl`, so a state-changing staff request
 * (or a staff WebSocket upgrade) from any other origin is a cross-site forgery and is refused. The
 * widget runs on customers' sites: its bootstrap is allowed from `server.allowedOrigins` (or
 * publicUrl's origin when the list is empty or does not match). Browsers always send `Origin` on
 * POST and WebSocket upgrades, so a missing or opaque ("null") origin is refused as well.
 */
import type { Config } from "../config/schema";

/** `scheme://host[:port]`, lower-cased with default ports dropped; null when not a valid http(s) URL. */
export function normaliseOrigin(value: string): string | null {
  try {
    const url = new URL(value.trim());
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** The origin staff pages are served from. */
export function publicOrigin(config: Config): string | null {
  return normaliseOrigin(config.server.publicUrl);
}

/** The request headers that reveal where a browser request was initiated. */
export interface OriginHeaders {
  readonly origin?: string | null;
  readonly referer?: string | null;
}

/** The initiating origin: `Origin`, else the origin of `Referer`; null if absent or opaque. */
export function requestOrigin(headers: OriginHeaders): string | null {
  if (headers.origin && headers.origin !== "null") return normaliseOrigin(headers.origin);
  if (headers.referer) return normaliseOrigin(headers.referer);
  return null;
}

/** True when a staff request (mutation or WebSocket upgrade) comes from publicUrl's origin. */
export function isStaffOriginAllowed(headers: OriginHeaders, config: Config): boolean {
  const origin = requestOrigin(headers);
  return origin !== null && origin === publicOrigin(config);
}

/**
 * Whether `pattern` (an `server.allowedOrigins` entry) admits `origin`. Entries are origins
 * (`https://shop.example.com`), a wildcard subdomain (`https://*.example.com`, which does not match
 * the bare domain), or `*` for any http(s) site.
 */
export function originMatches(pattern: string, origin: string): boolean {
  const p = pattern.trim();
  if (p === "*") return true;
  const wildcard = /^(https?):\/\/\*\.(.+)$/i.exec(p);
  if (wildcard) {
    const [, scheme, rest] = wildcard;
    const base = normaliseOrigin(`${scheme}://${rest}`);
    if (!base) return false;
    const { protocol, host } = new URL(base);
    const candidate = new URL(origin);
    return candidate.protocol === protocol && candidate.host.endsWith(`.${host}`);
  }
  return normaliseOrigin(p) === origin;
}

/** True when the widget may be bootstrapped from `origin` (the `Origin` header of the request). */
export function isWidgetOriginAllowed(origin: string | null | undefined, config: Config): boolean {
  if (!origin || origin === "null") return false;
  const normalised = normaliseOrigin(origin);
  if (!normalised) return false;
  if (normalised === publicOrigin(config)) return true;
  return config.server.allowedOrigins.some((pattern) => originMatches(pattern, normalised));
}
