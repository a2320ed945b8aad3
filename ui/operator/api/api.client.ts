/**
 * The console's HTTP client: JSON in and out, the CSRF token on every state-changing request, and
 * the server's `{error:{code,message}}` envelope turned into an {@link ApiError} the UI can branch
 * on. A 401 tells the shell the session is gone (it shows the sign-in form again).
 */

/** A refused request, with the server's stable code. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** The `fetch` the client uses (tests and the browser pass their own). */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** JSON over HTTP against the Parley API, same origin, cookie session. */
export class ApiClient {
  private csrfToken: string | null = null;
  private readonly unauthorizedListeners = new Set<() => void>();

  constructor(private readonly fetcher: FetchLike = (input, init) => fetch(input, init)) {}

  /** Sets the token returned by sign-in and /me. */
  setCsrfToken(token: string | null): void {
    this.csrfToken = token;
  }

  /** Calls `listener` when a request finds the session gone; returns the unsubscribe function. */
  onUnauthorized(listener: () => void): () => void {
    this.unauthorizedListeners.add(listener);
    return () => this.unauthorizedListeners.delete(listener);
  }

  get<T>(path: string, query?: Record<string, string | number | boolean | null | undefined>): Promise<T> {
    return this.request<T>("GET", withQuery(path, query));
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>("POST", path, body);
  }

  put<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>("PUT", path, body);
  }

  patch<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>("PATCH", path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>("DELETE", path);
  }

  /** Uploads one file as multipart/form-data (field `file`). */
  upload<T>(path: string, file: Blob, fileName: string): Promise<T> {
    const form = new FormData();
    form.append("file", file, fileName);
    return this.send<T>("POST", path, form);
  }

  /** Sends a request with a JSON body (if any). */
  request<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.send<T>(method, path, body === undefined ? undefined : JSON.stringify(body), body === undefined ? undefined : "application/json");
  }

  private async send<T>(method: string, path: string, body?: BodyInit, contentType?: string): Promise<T> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (contentType) headers["content-type"] = contentType;
    if (!SAFE_METHODS.has(method) && this.csrfToken) headers["x-csrf-token"] = this.csrfToken;
    let response: Response;
    try {
      response = await this.fetcher(path, { method, headers, body, credentials: "same-origin" });
    } catch (error) {
      throw new ApiError("network", `The server could not be reached (${(error as Error).message}).`, 0);
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    const json = text ? safeJson(text) : undefined;
    if (response.ok) return json as T;
    const envelope = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
    const retryAfter = Number(response.headers.get("retry-after")) || undefined;
    const error = new ApiError(envelope?.code ?? `http.${response.status}`, envelope?.message ?? `${method} ${path} failed with ${response.status}`, response.status, retryAfter);
    // A wrong password (sign-in, password change) is a 401 too, but the session is fine.
    if (response.status === 401 && error.code !== "auth.invalid_credentials") for (const listener of [...this.unauthorizedListeners]) listener();
    throw error;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `path?k=v&…`, skipping null/undefined/"" values. */
export function withQuery(path: string, query?: Record<string, string | number | boolean | null | undefined>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== null && value !== undefined && value !== "") params.set(key, String(value));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
