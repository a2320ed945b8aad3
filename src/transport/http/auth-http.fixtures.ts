/**
 * Test fixtures for the auth HTTP layer: the real app (error mapping, request context) around the
 * auth and widget routes, with the TCP peer taken from an `x-test-peer` header because `app.handle`
 * has no socket. Only tests pass this option; production reads the peer from Bun's server.
 */
import type { AnyElysia } from "elysia";
import { silentLogger } from "../../observability/logger";
import { createMetrics } from "../../observability/metrics";
import { authHarness, type AuthHarness } from "../../auth/auth.fixtures";
import type { Config } from "../../config/schema";
import { createApp } from "./app";
import { authRoutes } from "./auth.routes";
import type { GuardOptions } from "./guards";
import { Readiness } from "./health.routes";
import { widgetRoutes } from "./widget.routes";

/** Guard options reading the simulated peer address. */
export const testGuardOptions: GuardOptions = { peerAddress: (request) => request.headers.get("x-test-peer") };

/** The console's origin in the fixture config. */
export const CONSOLE = "https://chat.example.com";

/** An app with auth + widget routes (plus `extra` route plugins) over a fresh auth harness. */
export async function authApp(config?: Config, extra: (h: AuthHarness) => AnyElysia[] = () => []) {
  const h = await authHarness(config);
  const app = createApp({
    logger: silentLogger,
    metrics: createMetrics({ processMetrics: false }),
    readiness: new Readiness(),
    ui: null,
    version: "test",
    routes: [authRoutes(h.auth, testGuardOptions), widgetRoutes(h.auth, testGuardOptions), ...extra(h)],
  });
  return { h, app, call: (path: string, init: RequestInit = {}) => app.handle(new Request(`http://localhost${path}`, init)) };
}

/** JSON POST from the console's origin. */
export function consolePost(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method: "POST", headers: { "content-type": "application/json", origin: CONSOLE, ...headers }, body: JSON.stringify(body) };
}

/** The `name=value` pair of a Set-Cookie header, for sending it back. */
export function cookiePair(response: Response): string {
  return (response.headers.get("set-cookie") ?? "").split(";")[0]!;
}
