import { describe, expect, test } from "bun:test";
import { PASSWORDS, testConfig } from "../../auth/auth.fixtures";
import { OfflineMessageService, type OfflineNotifier } from "../../offline/offline.service";
import { OfflineMessageRepository } from "../../storage/repositories/offline-messages.repository";
import { SequentialIds } from "../../core/clock";
import { authApp, consolePost, cookiePair, testGuardOptions } from "./auth-http.fixtures";
import { offlineRoutes } from "./offline.routes";

const SHOP = "https://shop.example.com";

async function setup(rateLimit = 0, edit: (raw: any) => void = () => {}) {
  const config = await testConfig((raw) => {
    raw.rateLimits = { startConversation: { perMinute: rateLimit } };
    raw.operators[1].receivesOfflineMessages = true;
    edit(raw);
  });
  const notified: { id: string; to: string[] }[] = [];
  const notifier: OfflineNotifier = { notify: (m, r) => void notified.push({ id: m.id, to: r.map((x) => x.email) }) };
  const pushed: string[] = [];
  const t = await authApp(config, (h) => {
    const repository = new OfflineMessageRepository(h.db.db);
    const service = new OfflineMessageService(repository, () => h.config, h.clock, new SequentialIds(), { warn() {} }, notifier);
    service.onStored((row) => void pushed.push(row.id));
    return [offlineRoutes({ auth: h.auth, service, repository }, testGuardOptions)];
  });
  const leave = (body: unknown, headers: Record<string, string> = {}) =>
    t.call("/api/widget/offline-messages", { method: "POST", headers: { "content-type": "application/json", origin: SHOP, "x-test-peer": "198.51.100.7", ...headers }, body: JSON.stringify(body) });
  const staff = async (who: "olga" | "mia") => {
    const res = await t.call("/api/auth/login", consolePost({ email: `${who}@example.com`, password: PASSWORDS[who] }));
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const cookie = cookiePair(res);
    return {
      count: async () => ((await (await t.call("/api/offline-messages/count", { headers: { cookie } })).json()) as { open: number }).open,
      list: async (q = "") => (await (await t.call(`/api/offline-messages${q}`, { headers: { cookie } })).json()) as any,
      handle: (id: string) => t.call(`/api/offline-messages/${id}/handled`, { method: "POST", headers: { cookie, origin: "https://chat.example.com", "x-csrf-token": csrfToken } }),
    };
  };
  return { leave, staff, notified, pushed };
}

describe("offline messages", () => {
  test("a visitor leaves a message; operators of its department list it and mark it handled", async () => {
    const s = await setup();
    const res = await s.leave({ name: "Vera", email: "vera@mail.example", message: "Please call me back", department: "support", reason: "after_hours" });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    await s.leave({ name: "Sam", email: "sam@mail.example", message: "Sales question", department: "sales" });
    const olga = await s.staff("olga");
    expect((await olga.list()).items.map((m: any) => m.id)).toEqual([id]);
    const handled = (await (await olga.handle(id)).json()) as any;
    expect(handled).toMatchObject({ id, handledBy: "olga", department: "support", reason: "after_hours" });
    expect((await olga.list()).items).toEqual([]);
    expect((await olga.list("?status=handled")).items.map((m: any) => m.id)).toEqual([id]);
    const mia = await s.staff("mia");
    expect((await mia.list("?status=all")).items.length).toBe(2);
    expect(s.notified.map((n) => n.to)).toEqual([["mia@example.com"], ["mia@example.com"]]);
  });

  test("a visitor taken out of the queue after the maximum wait leaves a message with reason queue_timeout", async () => {
    const s = await setup();
    const res = await s.leave({ name: "Vera", email: "vera@mail.example", message: "Do you ship to Canada?", department: "support", reason: "queue_timeout" });
    expect(res.status).toBe(201);
    expect((await (await s.staff("olga")).list()).items[0]).toMatchObject({ reason: "queue_timeout", message: "Do you ship to Canada?" });
  });

  test("invalid input, unknown departments and foreign sites are refused precisely", async () => {
    const s = await setup();
    expect((await s.leave({ name: "V", email: "not-an-email", message: "x" })).status).toBe(400);
    expect((await s.leave({ name: "V", email: "v@mail.example", message: "x", department: "nope" })).status).toBe(404);
    expect((await s.leave({ name: "V", email: "v@mail.example", message: "x" }, { origin: "https://evil.example" })).status).toBe(403);
  });

  test("the form is rate limited per IP", async () => {
    const s = await setup(2);
    const ok = { name: "V", email: "v@mail.example", message: "x" };
    expect((await s.leave(ok)).status).toBe(201);
    expect((await s.leave(ok)).status).toBe(201);
    const limited = await s.leave(ok);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).not.toBeNull();
  });

  test("the badge count follows the viewer's scope and drops when a message is handled; the handler is named", async () => {
    const s = await setup();
    const ids: string[] = [];
    for (const department of ["support", "sales", undefined]) {
      const res = await s.leave({ name: "V", email: "v@mail.example", message: "x", ...(department ? { department } : {}) });
      ids.push(((await res.json()) as { id: string }).id);
    }
    expect(s.pushed).toEqual(ids);
    const olga = await s.staff("olga");
    const mia = await s.staff("mia");
    expect(await olga.count()).toBe(2); // support + no department
    expect(await mia.count()).toBe(3);
    const handled = (await (await olga.handle(ids[0]!)).json()) as any;
    expect(handled).toMatchObject({ handledBy: "olga", handledByName: "Olga Operator" });
    expect(await olga.count()).toBe(1);
    expect(await mia.count()).toBe(2);
    expect((await mia.list("?status=handled")).items[0]).toMatchObject({ id: ids[0], handledByName: "Olga Operator" });
  });

  test("an operator with no department serves them all, as routing and the e-mail do", async () => {
    const s = await setup(0, (raw) => void (raw.operators[2].departments = []));
    await s.leave({ name: "Sam", email: "sam@mail.example", message: "Sales question", department: "sales" });
    const olga = await s.staff("olga");
    expect((await olga.list()).items.map((m: any) => m.department)).toEqual(["sales"]);
    expect(await olga.count()).toBe(1);
  });

  test("an operator cannot handle another department's message", async () => {
    const s = await setup();
    const { id } = (await (await s.leave({ name: "Sam", email: "sam@mail.example", message: "Sales question", department: "sales" })).json()) as { id: string };
    expect((await (await s.staff("olga")).handle(id)).status).toBe(404);
  });
});
