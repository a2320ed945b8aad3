/**
 * Options of the embed snippet, read from the `<script src=".../widget.js" data-…>` tag. Sites copy
 * the snippet by hand, so every attribute is optional and a malformed one is ignored with a console
 * warning rather than breaking the site's page.
 */

/** The visitor identity a site may pass (prefill and/or verified identity). */
export interface VisitorUser {
  readonly name?: string;
  readonly email?: string;
  /** The site's user id; with `userHash` (HMAC computed by the site's server) the visitor is verified. */
  readonly userId?: string;
  readonly userHash?: string;
  /**
   * Values for `widget.visitorProfileFields` (and prefills for pre-chat fields) by field id, set by
   * the host page. Not covered by `userHash`: operators see them marked as set by the site.
   */
  readonly fields?: Readonly<Record<string, string>>;
}

/** Everything configurable from the snippet. */
export interface EmbedOptions {
  /** Origin of the Parley server (where widget.js came from). */
  readonly server: string;
  /** Department to route to (department routing); the department picker is skipped. */
  readonly department?: string;
  /** Language code (`fr`, `en`…); else the page's `<html lang>`, else the server default. */
  readonly language?: string;
  /** Corner of the launcher. */
  readonly position: "right" | "left";
  /** Brand colour `#rrggbb`, overriding the server's `widget.primaryColor`. */
  readonly color?: string;
  /** Text colour on the brand colour; ignored unless readable (WCAG AA) on it. */
  readonly textColor?: string;
  /** Launcher hidden: the site opens the chat with `Parley.open()`. */
  readonly hideLauncher: boolean;
  /** Open the panel as soon as the page loads. */
  readonly openOnLoad: boolean;
  readonly user: VisitorUser;
}

const COLOR = /^#[0-9a-fA-F]{6}$/;
const ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
/** The longest profile field value the server accepts (a textarea's). */
const FIELD_MAX = 1000;

/**
 * Cleans host-provided profile fields: keys must be field ids, values strings, numbers or booleans
 * (made strings, trimmed). An empty value or null is kept as "" and means "remove" to
 * {@link mergeUser}. Anything else is left out with a warning naming it.
 */
export function cleanFields(input: unknown, warn: (message: string) => void): Record<string, string> {
  const out: Record<string, string> = {};
  if (!input || typeof input !== "object") return out;
  for (const [key, raw] of Object.entries(input)) {
    const value = raw === null ? "" : typeof raw === "string" || typeof raw === "boolean" || (typeof raw === "number" && isFinite(raw)) ? String(raw).trim() : undefined;
    if (!ID.test(key)) warn(`Parley: ignoring field "${key}": expected a field id (a-z, 0-9, - and _)`);
    else if (value === undefined || value.length > FIELD_MAX) warn(`Parley: ignoring field "${key}": expected text of at most ${FIELD_MAX} characters`);
    else out[key] = value;
  }
  return out;
}

/** `user` updated by `patch`: its keys replace, its fields are merged into the fields ("" removes one). */
export function mergeUser(user: VisitorUser, patch: VisitorUser): VisitorUser {
  const fields = Object.entries({ ...user.fields, ...patch.fields }).filter(([, v]) => v !== "");
  const { fields: _replaced, ...rest } = { ...user, ...patch };
  return fields.length ? { ...rest, fields: Object.fromEntries(fields) } : rest;
}

/** Reads options from a script tag's dataset; `warn` receives one line per ignored attribute. */
export function readEmbedOptions(
  data: Readonly<Record<string, string | undefined>>,
  scriptSrc: string | null,
  pageUrl: string,
  warn: (message: string) => void = () => {},
): EmbedOptions {
  const pick = (key: string, valid: (v: string) => boolean, expected: string): string | undefined => {
    const value = data[key]?.trim();
    if (value === undefined || value === "") return undefined;
    if (valid(value)) return value;
    warn(`Parley: ignoring data-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}="${value}": expected ${expected}`);
    return undefined;
  };
  const flag = (key: string) => /^(true|1|yes)$/i.test(data[key]?.trim() ?? "");
  const text = (key: string, max: number) => pick(key, (v) => v.length <= max, `at most ${max} characters`);
  const position = pick("position", (v) => v === "left" || v === "right", "left or right");
  const fields = {
    name: text("name", 200),
    email: pick("email", (v) => /^[^@\s]+@[^@\s]+$/.test(v) && v.length <= 254, "an e-mail address"),
    userId: text("userId", 256),
    userHash: pick("userHash", (v) => /^[0-9a-fA-F]{64}$/.test(v), "64 hex digits"),
  };
  // data-field-customer-number="42" → dataset.fieldCustomerNumber → field "customer-number".
  const profile = cleanFields(
    Object.fromEntries(Object.entries(data).filter(([k]) => /^field[A-Z0-9_-]/.test(k)).map(([k, v]) => [k.slice(5).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/^-/, ""), v])),
    warn,
  );
  const user = mergeUser(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)), { fields: profile });
  return {
    server: new URL(scriptSrc ?? pageUrl, pageUrl).origin,
    department: pick("department", (v) => ID.test(v), "a department id"),
    language: pick("language", (v) => /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/.test(v), "a language code such as fr or en-GB"),
    position: position === "left" ? "left" : "right",
    color: pick("color", (v) => COLOR.test(v), "a colour #rrggbb"),
    textColor: pick("textColor", (v) => COLOR.test(v), "a colour #rrggbb"),
    hideLauncher: data["launcher"]?.trim().toLowerCase() === "false",
    openOnLoad: flag("open"),
    user,
  };
}
