/**
 * Addresses and limits the schema can only see as strings: the public URL, embedding origins,
 * trusted proxy addresses, upload MIME types, and timeouts that would contradict each other.
 */
import { isIP } from "node:net";
import type { ConfigCheck } from "./check-context";

/** publicUrl is an absolute http(s) URL; allowedOrigins are bare origins. */
export const urlsAreAbsolute: ConfigCheck = (context) => {
  const { server } = context.config;
  const url = parseUrl(server.publicUrl);
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    context.error(["server", "publicUrl"], `"${server.publicUrl}" is not an absolute http(s) URL`, { expected: "an absolute URL such as https://chat.example.com" });
  }
  server.allowedOrigins.forEach((origin, i) => {
    const parsed = parseUrl(origin);
    if (!parsed || parsed.origin === "null" || parsed.origin !== origin.replace(/\/$/, "")) {
      const hint = parsed && parsed.origin !== "null" ? ` (did you mean "${parsed.origin}"?)` : "";
      context.error(["server", "allowedOrigins", i], `"${origin}" is not an origin${hint}`, { expected: "an origin scheme://host[:port], without a path" });
    }
  });
};

/** Trusted proxies are IP addresses or CIDR ranges. */
export const proxiesAreAddresses: ConfigCheck = (context) => {
  context.config.server.trustedProxies.forEach((entry, i) => {
    const [address = "", prefix, extra] = entry.split("/");
    const family = isIP(address);
    const maxPrefix = family === 6 ? 128 : 32;
    const prefixOk = prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= maxPrefix);
    if (family === 0 || !prefixOk || extra !== undefined) {
      context.error(["server", "trustedProxies", i], `"${entry}" is not an IP address or CIDR range`, { expected: "an IP address or CIDR range such as 10.0.0.0/8" });
    }
  });
};

/** Upload types are MIME types (`image/png`, `image/*`). */
export const fileTypesAreMime: ConfigCheck = (context) => {
  context.config.files.allowedTypes.forEach((type, i) => {
    if (!/^[a-z0-9][a-z0-9!#$&^_.+-]*\/([a-z0-9][a-z0-9!#$&^_.+-]*|\*)$/i.test(type)) {
      context.error(["files", "allowedTypes", i], `"${type}" is not a MIME type`, { expected: "a MIME type such as image/png or image/*" });
    }
  });
};

/** Timeout reminders that could never fire before their timeout are flagged. */
export const timeoutsAreCoherent: ConfigCheck = (context) => {
  const t = context.config.timeouts;
  const inactivitySeconds = t.visitorInactivityMinutes * 60;
  if (inactivitySeconds > 0 && t.operatorReminderBeforeTimeoutSeconds >= inactivitySeconds) {
    context.warn(["timeouts", "operatorReminderBeforeTimeoutSeconds"], "the operator reminder comes as soon as the visitor is silent: it is longer than visitorInactivityMinutes");
  }
  if (t.visitorInactivityMinutes > 0 && t.visitorReminderMinutes >= t.visitorInactivityMinutes) {
    context.warn(["timeouts", "visitorReminderMinutes"], "the visitor reminder is never sent: the conversation times out first (visitorInactivityMinutes)");
  }
};

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
