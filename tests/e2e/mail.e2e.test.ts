/**
 * E-mail against the compiled binary and a real SMTP server (with AUTH) run by the test: an offline
 * message reaches the operator who receives them with Reply-To the visitor; "e-mail the transcript"
 * from the console reaches the operator; an e-mail queued while SMTP is down is delivered after a
 * restart; the SMTP settings are checked after the start (in a child process of the binary); without
 * an smtp section nothing is sent and the server keeps working.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { headerOf, TestSmtpServer } from "../../src/mail/smtp.testing";
import { WsTestClient } from "../../src/transport/ws/ws-client.testing";
import { BUILD_TIMEOUT_MS, E2E_TIMEOUT_MS, ensureBinary, freePort, startParley, stopAll } from "./harness";
import { PASSWORD, SHOP, realtimeConfig, visitor } from "./realtime.fixtures";

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

/** The realtime config, with Olga receiving offline messages and, unless told otherwise, SMTP. */
async function mailConfig(port = freePort(), withSmtp = true): Promise<Record<string, any>> {
  const config = await realtimeConfig(port);
  config.operators[1].receivesOfflineMessages = true;
  if (withSmtp) config.smtp = { host: "127.0.0.1", port: smtp.port, user: smtp.user, password: smtp.password, from: "Acme Support <support@acme.example>" };
  return config;
}

/** Posts the widget's offline form. */
async function leaveOfflineMessage(url: string, message: string): Promise<Response> {
  return fetch(`${url}/api/widget/offline-messages`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: SHOP },
    body: JSON.stringify({ name: "Vera Visitor", email: "vera@visitor.example", message, reason: "after_hours" }),
  });
}

describe("mail against the binary", () => {
  test("an offline message is e-mailed to the operator who receives them, Reply-To the visitor", async () => {
    const parley = await startParley({ config: await mailConfig() });
    const before = smtp.received.length;
    const res = await leaveOfflineMessage(parley.url, "Do you ship to Norway?");
    expect(res.status).toBe(201);

    const [mail] = (await smtp.waitForMessages(before + 1, 10_000)).slice(before);
    expect(mail!.user).toBe(smtp.user);
    expect(mail!.envelopeTo).toEqual(["olga@example.com"]);
    expect(mail!.parsed.from).toEqual({ name: "Acme Support", address: "support@acme.example" });
    expect(mail!.parsed.replyTo).toEqual([{ name: "Vera Visitor", address: "vera@visitor.example" }]);
    expect(mail!.parsed.subject).toBe("Offline message from Vera Visitor");
    expect(mail!.parsed.text).toContain("Vera Visitor left a message (outside opening hours).");
    expect(mail!.parsed.text).toContain("  Do you ship to Norway?");
    expect(headerOf(mail!, "auto-submitted")).toBe("auto-generated");
    await parley.stop();
  });

  test("the console's 'e-mail the transcript' reaches the operator", async () => {
    const parley = await startParley({ config: await mailConfig() });
    const login = await fetch(`${parley.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: parley.url },
      body: JSON.stringify({ email: "olga@example.com", password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };

    const olga = await WsTestClient.open(`${parley.url.replace("http", "ws")}/ws/operator`, { origin: parley.url, cookie });
    await olga.ok({ type: "hello" });
    const { client: v, token } = await visitor(parley.url);
    await v.ok({ type: "hello", token });
    const started = await v.ok({ type: "start", pageUrl: `${SHOP}/shipping` });
    const conversationId = started.result.conversationId as string;
    await v.ok({ type: "message", text: "Do you ship to Norway?" });

    const before = smtp.received.length;
    const queued = await fetch(`${parley.url}/api/conversations/${conversationId}/transcript/email`, {
      method: "POST",
      headers: { origin: parley.url, cookie, "x-csrf-token": csrfToken },
    });
    expect(queued.status).toBe(202);
    expect(await queued.json()).toMatchObject({ to: "olga@example.com", mailConfigured: true });

    const [mail] = (await smtp.waitForMessages(before + 1, 15_000)).slice(before);
    expect(mail!.envelopeTo).toEqual(["olga@example.com"]);
    expect(mail!.parsed.text).toContain("Do you ship to Norway?");
    expect(mail!.parsed.text).toContain(`Reference: ${conversationId}`);
    expect(headerOf(mail!, "x-parley-kind")).toBe("transcript");
    v.close();
    olga.close();
    await parley.stop();
  });

  test("an e-mail queued while SMTP is down is delivered after a restart once it is back", async () => {
    const port = freePort();
    const config = await mailConfig(port);
    const parley = await startParley({ config });
    await smtp.down();
    try {
      const failed = parley.logs().length;
      expect((await leaveOfflineMessage(parley.url, "Sent while the mail server was down")).status).toBe(201);
      await parley.waitForLog(/e-mail not sent; will retry/, 10_000, failed);
    } finally {
      await smtp.resume();
    }
    expect(await parley.stop()).toBe(0);

    const before = smtp.received.length;
    const again = await startParley({ config: { ...config, storage: { dataDir: parley.dataDir } } });
    const [mail] = (await smtp.waitForMessages(before + 1, 10_000)).slice(before);
    expect(mail!.parsed.text).toContain("Sent while the mail server was down");
    await again.stop();
  });

  test("the SMTP settings are checked after the start, a refused login is a warning that names the reason", async () => {
    const logged = await mailConfig();
    logged.server.logLevel = "info";
    const good = await startParley({ config: logged });
    const ready = JSON.parse(await good.waitForLog(/"msg":"smtp server ready"/)) as Record<string, unknown>;
    expect(ready).toMatchObject({ level: "info", host: "127.0.0.1", port: smtp.port });
    expect(await good.stop()).toBe(0);

    const config = await mailConfig();
    config.smtp.password = "not-the-password";
    const refused = await startParley({ config });
    const warning = JSON.parse(await refused.waitForLog(/"msg":"smtp server check failed/)) as Record<string, unknown>;
    expect(warning).toMatchObject({ level: "warn", host: "127.0.0.1", port: smtp.port });
    expect(String(warning.error)).toMatch(/EAUTH 535/);
    expect((await fetch(`${refused.url}/readyz`)).status).toBe(200);
    expect(await refused.stop()).toBe(0);
  });

  test("without smtp nothing is sent, one warning is logged, and the form still works", async () => {
    const parley = await startParley({ config: await mailConfig(freePort(), false) });
    const before = smtp.received.length;
    expect((await leaveOfflineMessage(parley.url, "Nobody will e-mail this")).status).toBe(201);
    expect((await leaveOfflineMessage(parley.url, "Nor this")).status).toBe(201);
    expect((await fetch(`${parley.url}/readyz`)).status).toBe(200);
    expect(parley.logs().filter((line) => line.includes("smtp is not configured"))).toHaveLength(1);
    expect(smtp.received.length).toBe(before);
    expect(await parley.stop()).toBe(0);
  });
});
