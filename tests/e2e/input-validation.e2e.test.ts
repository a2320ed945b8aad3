/**
 * Input validation as the compiled binary does it. The binary is minified, which once made Elysia
 * swallow every failed query decode (its generated code recognises the error by class name):
 * `limit=0` reached the handlers as the string "0" and a paging client looped. The in-process sweep
 * (src/transport/http/input-validation.test.ts) cannot see that, so the essentials are checked here.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { BUILD_TIMEOUT_MS, E2E_TIMEOUT_MS, ensureBinary, startParley, stopAll, type ParleyProcess } from "./harness";
import { PASSWORD, SHOP, realtimeConfig } from "./realtime.fixtures";

setDefaultTimeout(E2E_TIMEOUT_MS);
beforeAll(() => ensureBinary(), BUILD_TIMEOUT_MS);
afterAll(() => stopAll());

describe("the binary refuses malformed input precisely", () => {
  let parley: ParleyProcess;
  let staff: Record<string, string>;
  let visitor: Record<string, string>;
  beforeAll(async () => {
    parley = await startParley({ config: await realtimeConfig() });
    const login = await fetch(`${parley.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json", origin: parley.url }, body: JSON.stringify({ email: "olga@example.com", password: PASSWORD }) });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    staff = { cookie: (login.headers.get("set-cookie") ?? "").split(";")[0]!, "x-csrf-token": csrfToken, origin: parley.url };
    const session = await fetch(`${parley.url}/api/widget/session`, { method: "POST", headers: { "content-type": "application/json", origin: SHOP }, body: "{}" });
    visitor = { authorization: `Bearer ${((await session.json()) as { token: string }).token}`, origin: SHOP };
  }, BUILD_TIMEOUT_MS);

  const error = async (res: Response) => ({ status: res.status, ...((await res.json()) as { error: { code: string; message: string } }).error });

  test("integer query parameters out of range are 400 naming the parameter, not run with the raw text", async () => {
    const events = await fetch(`${parley.url}/api/widget/conversations/c_unknown/events?limit=0`, { headers: visitor });
    expect(await error(events)).toMatchObject({ status: 400, code: "request.invalid", message: expect.stringContaining("query.limit") });
    for (const query of ["limit=0", "limit=101", "limit=-5", "limit=2.5"]) {
      const list = await fetch(`${parley.url}/api/conversations?${query}`, { headers: staff });
      expect(await error(list)).toMatchObject({ status: 400, code: "request.invalid", message: expect.stringContaining("query.limit") });
    }
    expect((await fetch(`${parley.url}/api/conversations?limit=2`, { headers: staff })).status).toBe(200);
  });

  test("a cursor the server did not issue is 400 on every list", async () => {
    for (const path of ["/api/conversations", "/api/offline-messages", "/api/team-chat/threads/admin/messages"]) {
      const res = await fetch(`${parley.url}${path}?cursor=garbage`, { headers: staff });
      expect([path, await error(res)]).toMatchObject([path, { status: 400, code: "request.invalid", message: expect.stringContaining("query.cursor") }]);
    }
  });

  test("strict bodies: non-objects and unknown fields are 400; oversized bodies 413; an unknown colleague 404", async () => {
    for (const body of ["[1,2]", "null", '{"name":"Vera","isAdmin":true}']) {
      const res = await fetch(`${parley.url}/api/widget/session`, { method: "POST", headers: { "content-type": "application/json", origin: SHOP }, body });
      expect([body, (await error(res)).status]).toEqual([body, 400]);
    }
    const huge = await fetch(`${parley.url}/api/widget/session`, { method: "POST", headers: { "content-type": "application/json", origin: SHOP }, body: JSON.stringify({ name: "x".repeat(400_000) }) });
    expect(await error(huge)).toMatchObject({ status: 413, code: "request.too_large" });
    const nobody = await fetch(`${parley.url}/api/team-chat/threads/nobody/messages`, { headers: staff });
    expect(await error(nobody)).toMatchObject({ status: 404, code: "operator.not_found" });
  });
});
