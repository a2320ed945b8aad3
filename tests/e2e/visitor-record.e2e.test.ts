/**
 * The visitor record against the compiled binary: Olga keeps additional information on a visitor,
 * the visitor leaves an offline message and receives the French auto-reply from a real SMTP server,
 * then the admin erases the visitor — the conversation, the offline message, the e-mails and the
 * uploaded file's bytes on disk are gone, the widget socket is closed with 4003 and one audit line
 * names who erased which visitor id.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { headerOf, TestSmtpServer } from "../../src/mail/smtp.testing";
import { CLOSE_CODES } from "../../src/transport/ws/protocol";
import { BUILD_TIMEOUT_MS, E2E_TIMEOUT_MS, ensureBinary, freePort, startParley, stopAll } from "./harness";
import { SHOP, operator, realtimeConfig, visitor } from "./realtime.fixtures";

setDefaultTimeout(E2E_TIMEOUT_MS);
let smtp: TestSmtpServer;
beforeAll(async () => {
  await ensureBinary();
  smtp = await TestSmtpServer.start();
}, BUILD_TIMEOUT_MS);
afterAll(async () => {
  await stopAll();
  await smtp.stop();
});

/** Every file under `dir` (recursively). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe("the visitor record against the binary", () => {
  test("additional information, the offline auto-reply, then erasure of everything about the visitor", async () => {
    const config = await realtimeConfig(freePort(), {
      visitors: { additionalInfoFields: [{ id: "account", label: "Account" }] },
      offlineMessages: { autoReply: { enabled: true } },
      widget: { title: "Acme help" },
    });
    config.server.logLevel = "info";
    config.smtp = { host: "127.0.0.1", port: smtp.port, user: smtp.user, password: smtp.password, from: "Acme Support <support@acme.example>" };
    const parley = await startParley({ config });
    const url = parley.url;

    // Olga is online; the visitor chats, sends a file, and Olga notes their account number.
    const olga = await operator(url);
    await olga.client.ok({ type: "hello" });
    const { client: widget, token } = await visitor(url);
    const hello = await widget.ok({ type: "hello", token });
    const visitorId = hello.result.visitorId as string;
    const conversationId = (await widget.ok({ type: "start", pageUrl: `${SHOP}/help` })).result.conversationId as string;
    const form = new FormData();
    form.append("file", new Blob(["invoice 4521, Vera Lyon"], { type: "text/plain" }), "invoice.txt");
    const upload = await fetch(`${url}/api/widget/conversations/${conversationId}/files`, { method: "POST", headers: { authorization: `Bearer ${token}`, origin: SHOP }, body: form });
    expect(upload.status).toBe(201);
    const blobsBefore = filesUnder(join(parley.dataDir, "files")).filter((f) => !f.endsWith(".part"));
    expect(blobsBefore.length).toBeGreaterThan(0);

    const login = await fetch(`${url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json", origin: url }, body: JSON.stringify({ email: "olga@example.com", password: "olga-e2e-password-1" }) });
    const olgaCsrf = ((await login.json()) as { csrfToken: string }).csrfToken;
    const olgaHeaders = { cookie: (login.headers.get("set-cookie") ?? "").split(";")[0]!, "x-csrf-token": olgaCsrf, origin: url, "content-type": "application/json" };
    const info = `${url}/api/conversations/${conversationId}/visitor/additional-info`;
    const saved = await fetch(info, { method: "PATCH", headers: olgaHeaders, body: JSON.stringify({ values: { account: "AC-1042" } }) });
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as any).fields[0]).toMatchObject({ id: "account", value: "AC-1042", updatedBy: "olga" });
    const unknown = await fetch(info, { method: "PATCH", headers: olgaHeaders, body: JSON.stringify({ values: { plan: "Pro" } }) });
    expect(((await unknown.json()) as any).error.code).toBe("field.unknown");

    // The visitor ends the chat and later leaves an offline message from the French widget.
    await widget.ok({ type: "end" });
    const before = smtp.received.length;
    const left = await fetch(`${url}/api/widget/offline-messages`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: SHOP, authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: "Vera Lyon", email: "vera@visitor.example", message: "Rappelez-moi", language: "fr-FR" }),
    });
    expect(left.status).toBe(201);
    const [reply] = (await smtp.waitForMessages(before + 1, 10_000)).slice(before).filter((m) => m.envelopeTo.includes("vera@visitor.example"));
    expect(reply!.parsed.subject).toBe("Nous avons bien reçu votre message");
    expect(reply!.parsed.text).toContain("Bonjour Vera Lyon,");
    expect(reply!.parsed.text).toContain("> Rappelez-moi");
    expect(headerOf(reply!, "x-parley-kind")).toBe("offline-auto-reply");

    // Olga may not erase; the admin does.
    expect((await fetch(`${url}/api/visitors/${visitorId}`, { method: "DELETE", headers: olgaHeaders })).status).toBe(403);
    const adminLogin = await fetch(`${url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json", origin: url }, body: JSON.stringify({ email: "admin@example.com", password: "admin-e2e-password-1" }) });
    const adminHeaders = { cookie: (adminLogin.headers.get("set-cookie") ?? "").split(";")[0]!, "x-csrf-token": ((await adminLogin.json()) as { csrfToken: string }).csrfToken, origin: url };
    const erased = await fetch(`${url}/api/visitors/${visitorId}`, { method: "DELETE", headers: adminHeaders });
    expect(erased.status).toBe(200);
    expect(await erased.json()).toMatchObject({ visitorId, erased: { conversations: 1, files: 1, offlineMessages: 1, additionalInfo: 1, tokens: 1, visitor: 1 }, blobsRemoved: 1, socketsClosed: 1 });
    expect((await widget.whenClosed()).code).toBe(CLOSE_CODES.unauthorized);
    expect(filesUnder(join(parley.dataDir, "files")).filter((f) => blobsBefore.includes(f))).toEqual([]);
    expect((await fetch(info, { headers: olgaHeaders })).status).toBe(404);
    const offline = (await (await fetch(`${url}/api/offline-messages?status=all`, { headers: adminHeaders })).json()) as { items: unknown[] };
    expect(offline.items).toEqual([]);
    // The old token is unknown now: a new session is a new visitor.
    const again = await fetch(`${url}/api/widget/session`, { method: "POST", headers: { "content-type": "application/json", origin: SHOP }, body: JSON.stringify({ token }) });
    expect(((await again.json()) as { visitor: { id: string } }).visitor.id).not.toBe(visitorId);
    await parley.waitForLog(/visitor erased/);
    const audit = parley.logs().find((l) => l.includes("visitor erased"))!;
    expect(audit).toContain(visitorId);
    expect(audit).toContain('"by":"admin"');
    expect(audit).not.toMatch(/Vera|vera@|AC-1042|Rappelez/);
    await parley.stop();
  });
});
