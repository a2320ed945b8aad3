import { afterEach, describe, expect, test } from "bun:test";
import { PASSWORDS } from "../../auth/auth.fixtures";
import { CONSOLE, realtimeFixture, type RealtimeFixture } from "../ws/realtime.fixtures";

let fx: RealtimeFixture;
afterEach(async () => {
  await fx?.stop();
});

async function signIn(who: keyof typeof PASSWORDS): Promise<Record<string, string>> {
  const res = await fetch(`${fx.base}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json", origin: CONSOLE }, body: JSON.stringify({ email: `${who}@example.com`, password: PASSWORDS[who] }) });
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: (res.headers.get("set-cookie") ?? "").split(";")[0]!, "x-csrf-token": csrfToken, origin: CONSOLE };
}

async function call(headers: Record<string, string>, method: "GET" | "POST", path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${fx.base}/api/team-chat${path}`, { method, headers });
  return { status: res.status, body: await res.json() };
}

describe("team chat threads over HTTP", () => {
  test("an id that is no colleague is 404 operator.not_found, for the history and for marking read; so is my own id", async () => {
    fx = await realtimeFixture();
    const olga = await signIn("olga");
    for (const [method, path] of [["GET", "/threads/nobody/messages"], ["POST", "/threads/nobody/read"], ["POST", "/threads/olga/read"], ["GET", "/threads/olga/messages"]] as const) {
      const res = await call(olga, method, path);
      expect([path, res.status, res.body.error?.code]).toEqual([path, 404, "operator.not_found"]);
    }
    // A configured colleague with no message yet is an empty thread, not an error.
    expect(await call(olga, "GET", "/threads/mia/messages")).toEqual({ status: 200, body: { items: [], olderCursor: null } });
  });

  test("the thread with a colleague removed from the config stays readable while it has messages", async () => {
    fx = await realtimeFixture();
    const mia = await fx.operator("mia");
    await mia.ok({ type: "op.message", toOperatorId: "olga", text: "handing over the Acme account" });
    const olga = await signIn("olga");
    fx.auth.config = { ...fx.auth.config, operators: fx.auth.config.operators.filter((o) => o.id !== "mia") };
    const history = await call(olga, "GET", "/threads/mia/messages");
    expect(history.status).toBe(200);
    expect(history.body.items.map((m: any) => m.text)).toEqual(["handing over the Acme account"]);
    expect(await call(olga, "POST", "/threads/mia/read")).toMatchObject({ status: 200, body: { read: 1 } });
    expect(await call(olga, "POST", "/threads/mia/read")).toMatchObject({ status: 200, body: { read: 0 } });
  });

  test("a cursor the server did not issue and a limit out of range are 400 request.invalid naming the parameter", async () => {
    fx = await realtimeFixture();
    const olga = await signIn("olga");
    for (const [query, param] of [["?cursor=garbage", "query.cursor"], ["?limit=0", "query.limit"], ["?limit=201", "query.limit"], ["?limit=ten", "query.limit"]]) {
      const res = await call(olga, "GET", `/threads/mia/messages${query}`);
      expect([query, res.status, res.body.error.code, res.body.error.message.includes(param) || res.body.error.path === param]).toEqual([query, 400, "request.invalid", true]);
    }
  });
});
