/**
 * The widget's HTTP calls to its Parley server (always cross-origin from the host page): the widget
 * configuration and the visitor session bootstrap (files: chat.files.ts, offline messages: chat/offline.ts).
 * Every failure becomes an {@link HttpError} carrying the server's stable error code, so the UI can
 * say something precise ("this file type is not accepted") instead of "something went wrong".
 */
import type { WidgetConfig } from "../../../src/transport/http/widget-config.routes";
import type { VisitorUser } from "../embed-options";

/** A failed request: the server's error code (or `network` / `http.<status>` when it gave none). */
export class HttpError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

/** The visitor session the server hands out. */
export interface VisitorSessionInfo {
  readonly token: string;
  readonly visitor: { readonly id: string; readonly name: string | null; readonly email: string | null; readonly verified: boolean };
}

/** HTTP client bound to one Parley server origin. */
export class ServerClient {
  constructor(
    readonly server: string,
    private readonly fetchImpl: (input: string, init: RequestInit) => Promise<Response> = (input, init) => fetch(input, init),
  ) {}

  /** The WebSocket URL of the visitor socket. */
  get socketUrl(): string {
    return `${this.server.replace(/^http/, "ws")}/ws/visitor`;
  }

  /** Title, colours, phrases, departments, fields, limits, questionnaires, availability (for the visitor's page: URL routing). */
  config(pageUrl = ""): Promise<WidgetConfig> {
    return this.json<WidgetConfig>(`/api/widget/config?pageUrl=${encodeURIComponent(pageUrl)}`, { method: "GET" });
  }

  /** Starts or resumes the visitor session; an identity (userId + userHash) links it to the site's user. */
  bootstrap(token: string | undefined, user: VisitorUser): Promise<VisitorSessionInfo> {
    const body: Record<string, unknown> = {};
    if (user.name) body.name = user.name;
    if (user.email) body.email = user.email;
    if (user.userId && user.userHash) body.identity = { userId: user.userId, userHash: user.userHash };
    return this.json<VisitorSessionInfo>("/api/widget/session", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", ...bearer(token) } });
  }

  /** A JSON request; errors as {@link request}. */
  async json<T>(path: string, init: RequestInit): Promise<T> {
    const res = await this.request(path, init);
    return (await res.json()) as T;
  }

  /** A request to the server; a non-2xx answer throws its {@link HttpError}. */
  async request(path: string, init: RequestInit): Promise<Response> {
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.server}${path}`, { ...init, credentials: "omit", cache: "no-store" });
    } catch {
      throw new HttpError("network", "the server could not be reached", 0);
    }
    if (!res.ok) throw errorFrom(res.status, await res.json().catch(() => null), res.headers.get("retry-after"));
    return res;
  }
}

/** The Authorization header for a visitor token. */
export function bearer(token: string | undefined): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** The HttpError for an error response `{error: {code, message}}`. */
export function errorFrom(status: number, body: unknown, retryAfter: string | null): HttpError {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = typeof error?.code === "string" ? error.code : `http.${status}`;
  const message = typeof error?.message === "string" ? error.message : `HTTP ${status}`;
  const seconds = retryAfter === null ? NaN : Number(retryAfter);
  return new HttpError(code, message, status, Number.isFinite(seconds) ? seconds * 1000 : undefined);
}
