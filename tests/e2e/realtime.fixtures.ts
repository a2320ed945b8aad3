/**
 * Shared setup of the realtime end-to-end tests: a config with one operator who can sign in and a
 * shop site allowed to embed the widget, and helpers that talk to the binary as the widget and the
 * console do (HTTP bootstrap/login, then WebSocket).
 */
import { WsTestClient } from "../../src/transport/ws/ws-client.testing";
import { freePort } from "./harness";

/** The site embedding the widget in these tests. */
export const SHOP = "https://shop.example";
/** The operator's password in these tests. */
export const PASSWORD = "olga-e2e-password-1";

/** A config (port fixed so a restarted process keeps its publicUrl). */
export async function realtimeConfig(port = freePort(), extra: Record<string, unknown> = {}): Promise<Record<string, any>> {
  return {
    server: { host: "127.0.0.1", port, publicUrl: `http://127.0.0.1:${port}`, allowedOrigins: [SHOP], logLevel: "warn" },
    rateLimits: { startConversation: { perMinute: 0 }, sendMessage: { perMinute: 0 }, login: { perMinute: 0 } },
    operators: [
      { id: "admin", name: "Admin", email: "admin@example.com", role: "admin", passwordHash: await Bun.password.hash("admin-e2e-password-1", { algorithm: "argon2id" }) },
      { id: "olga", name: "Olga Operator", email: "olga@example.com", role: "operator", passwordHash: await Bun.password.hash(PASSWORD, { algorithm: "argon2id" }) },
    ],
    ...extra,
  };
}

/** A widget visitor: bootstrap over HTTP, then a socket (no hello yet). */
export async function visitor(url: string): Promise<{ client: WsTestClient; token: string }> {
  const res = await fetch(`${url}/api/widget/session`, { method: "POST", headers: { "content-type": "application/json", origin: SHOP }, body: "{}" });
  if (!res.ok) throw new Error(`widget session: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  return { client: await visitorSocket(url), token };
}

/** Another socket for the same widget (a reconnect). */
export function visitorSocket(url: string): Promise<WsTestClient> {
  return WsTestClient.open(`${url.replace("http", "ws")}/ws/visitor`, { origin: SHOP });
}

/** Olga signs in from the console's origin and opens her socket. */
export async function operator(url: string): Promise<{ client: WsTestClient; cookie: string }> {
  const res = await fetch(`${url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json", origin: url }, body: JSON.stringify({ email: "olga@example.com", password: PASSWORD }) });
  if (!res.ok) throw new Error(`login: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  return { client: await WsTestClient.open(`${url.replace("http", "ws")}/ws/operator`, { origin: url, cookie }), cookie };
}

/** Every event of the visitor's conversation, paging the widget history API. */
export async function visitorHistory(url: string, token: string, conversationId: string): Promise<Record<string, any>[]> {
  const all: Record<string, any>[] = [];
  let before: number | undefined;
  for (;;) {
    const query = before === undefined ? "limit=200" : `limit=200&before=${before}`;
    const res = await fetch(`${url}/api/widget/conversations/${conversationId}/events?${query}`, { headers: { authorization: `Bearer ${token}`, origin: SHOP } });
    if (!res.ok) throw new Error(`history: ${res.status} ${await res.text()}`);
    const page = (await res.json()) as { events: Record<string, any>[]; hasMore: boolean };
    all.unshift(...page.events);
    if (!page.hasMore || page.events.length === 0) return all;
    before = page.events[0]!.seq;
  }
}
