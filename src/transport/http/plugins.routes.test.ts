import { describe, expect, test } from "bun:test";
import { cheapHasher, PASSWORDS, testConfig } from "../../auth/auth.fixtures";
import { ManualClock } from "../../core/clock";
import { silentLogger } from "../../observability/logger";
import { PluginService } from "../../plugins/plugin.service";
import { authApp, consolePost, cookiePair, testGuardOptions } from "./auth-http.fixtures";
import { pluginRoutes } from "./plugins.routes";

async function setup() {
  const adaHash = await cheapHasher.hash(PASSWORDS.ada);
  const config = await testConfig((raw) => (raw.operators[0].passwordHash = adaHash));
  const plugins = new PluginService({ version: "test", clock: new ManualClock(), logger: silentLogger });
  await plugins.load({ ...config, routing: { ...config.routing, strategy: "no-such-strategy" } });
  const t = await authApp(config, (h) => [pluginRoutes(plugins, h.auth, testGuardOptions)]);
  const cookieOf = async (email: string, password: string) => cookiePair(await t.call("/api/auth/login", consolePost({ email, password })));
  return { ...t, cookieOf };
}

describe("GET /api/plugins", () => {
  test("admins see every plugin, its options schema, and the strategy actually routing", async () => {
    const t = await setup();
    const res = await t.call("/api/plugins", { headers: { cookie: await t.cookieOf("ada@example.com", PASSWORDS.ada) } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { routingStrategy: string; plugins: Array<{ id: string; kind: string; source: string; optionsSchema: { properties?: object } | null }>; failedFiles: unknown[] };
    expect(body.routingStrategy).toBe("least-busy");
    expect(body.plugins.map((p) => p.id)).toEqual(["least-busy", "priority", "round-robin", "skills-match", "csat", "nps", "operator-wrapup"]);
    expect(body.plugins.find((p) => p.id === "priority")).toMatchObject({ kind: "routing", source: "builtin", degraded: false });
    expect(Object.keys(body.plugins.find((p) => p.id === "priority")!.optionsSchema!.properties!)).toEqual(["reserveForHighPriority", "reserveAppliesTo", "reserveMaxWaitSeconds"]);
    expect(body.failedFiles).toEqual([]);
  });

  test("managers and operators are refused; anonymous callers must sign in", async () => {
    const t = await setup();
    const manager = await t.call("/api/plugins", { headers: { cookie: await t.cookieOf("mia@example.com", PASSWORDS.mia) } });
    expect(manager.status).toBe(403);
    expect(((await manager.json()) as { error: { code: string } }).error.code).toBe("auth.forbidden");
    expect((await t.call("/api/plugins")).status).toBe(401);
  });
});
