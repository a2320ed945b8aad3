/** The file routes behind the real authentication: widget Bearer tokens, staff cookies + CSRF, the shared upload bucket. */
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PASSWORDS, testConfig } from "../../auth/auth.fixtures";
import { BlobStore } from "../../files/blob.store";
import { conversation, PNG } from "../../files/file-fixtures.testing";
import { uploadRateLimit } from "../../files/file-service.factory";
import type { FileConversationView } from "../../files/file.model";
import { FileService } from "../../files/file.service";
import { createFileRepository } from "../../storage/repositories/file.repository";
import { authApp, consolePost, cookiePair, CONSOLE, testGuardOptions } from "./auth-http.fixtures";
import { filesRoutes, staffOrVisitor } from "./files.routes";

const SHOP = "https://shop.example.com";
let dataDir: string;
const conversations = new Map<string, FileConversationView>();
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), "parley-files-auth-"));
  conversations.clear();
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

async function setup(patch: (raw: Record<string, any>) => void = () => {}) {
  const t = await authApp(await testConfig(patch), (h) => [
    filesRoutes({
      files: new FileService({
        repository: createFileRepository(h.db.db),
        blobs: new BlobStore(join(dataDir, "files")),
        settings: () => h.config.files,
        clock: h.clock,
        findConversation: (id) => conversations.get(id) ?? null,
        rateLimit: uploadRateLimit(h.auth.limiters.upload),
      }),
      resolvePrincipal: staffOrVisitor(h.auth, testGuardOptions),
    }),
  ]);
  const visitorToken = async () => {
    const res = await t.call("/api/widget/session", { method: "POST", headers: { "content-type": "application/json", origin: SHOP }, body: "{}" });
    return (await res.json()) as { token: string; visitor: { id: string } };
  };
  const signIn = async (email: string, password: string) => {
    const res = await t.call("/api/auth/login", consolePost({ email, password }));
    expect(res.status).toBe(200);
    return { cookie: cookiePair(res), csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
  };
  return { ...t, visitorToken, signIn };
}

function pngForm(): FormData {
  const form = new FormData();
  form.append("file", new File([PNG as Uint8Array<ArrayBuffer>], "a.png", { type: "image/png" }));
  return form;
}

const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

describe("visitors (widget, Bearer token)", () => {
  test("upload and download through the widget namespace, with CORS for the embedding site", async () => {
    const t = await setup();
    const { token, visitor } = await t.visitorToken();
    conversations.set("c1", conversation({ visitorId: visitor.id }));
    const headers = { authorization: `Bearer ${token}`, origin: SHOP };
    const res = await t.call("/api/widget/conversations/c1/files", { method: "POST", body: pngForm(), headers });
    expect(res.status).toBe(201);
    expect(res.headers.get("access-control-allow-origin")).toBe(SHOP);
    const { id } = (await res.json()) as { id: string };
    const download = await t.call(`/api/widget/files/${id}`, { headers });
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(new Uint8Array(PNG));
  });

  test("an unknown token is auth.required, another visitor's file is not found", async () => {
    const t = await setup();
    const owner = await t.visitorToken();
    const other = await t.visitorToken();
    conversations.set("c1", conversation({ visitorId: owner.visitor.id }));
    const forged = await t.call("/api/widget/conversations/c1/files", { method: "POST", body: pngForm(), headers: { authorization: "Bearer nope-nope-nope" } });
    expect(forged.status).toBe(401);
    expect(await codeOf(forged)).toBe("auth.required");
    const uploaded = await t.call("/api/widget/conversations/c1/files", { method: "POST", body: pngForm(), headers: { authorization: `Bearer ${owner.token}` } });
    const { id } = (await uploaded.json()) as { id: string };
    const peek = await t.call(`/api/widget/files/${id}`, { headers: { authorization: `Bearer ${other.token}` } });
    expect(peek.status).toBe(404);
    expect(await codeOf(peek)).toBe("file.not_found");
  });

  test("past rateLimits.upload the visitor gets 429 with Retry-After, and may upload again later", async () => {
    const t = await setup((raw) => (raw.rateLimits = { upload: { perMinute: 2 } }));
    const { token, visitor } = await t.visitorToken();
    conversations.set("c1", conversation({ visitorId: visitor.id }));
    const send = () => t.call("/api/widget/conversations/c1/files", { method: "POST", body: pngForm(), headers: { authorization: `Bearer ${token}` } });
    expect((await send()).status).toBe(201);
    expect((await send()).status).toBe(201);
    const limited = await send();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("30");
    expect(await codeOf(limited)).toBe("rate.limited");
    t.h.clock.advance(30_000);
    expect((await send()).status).toBe(201);
  });
});

describe("staff (console, session cookie)", () => {
  test("a manager uploads with the CSRF token; without it the upload is refused", async () => {
    const t = await setup();
    conversations.set("c1", conversation({ operatorId: "olga" }));
    const { cookie, csrf } = await t.signIn("mia@example.com", PASSWORDS.mia);
    const withoutCsrf = await t.call("/api/conversations/c1/files", { method: "POST", body: pngForm(), headers: { cookie, origin: CONSOLE } });
    expect(withoutCsrf.status).toBe(403);
    expect(await codeOf(withoutCsrf)).toBe("auth.csrf");
    const ok = await t.call("/api/conversations/c1/files", { method: "POST", body: pngForm(), headers: { cookie, origin: CONSOLE, "x-csrf-token": csrf } });
    expect(ok.status).toBe(201);
    const { url } = (await ok.json()) as { url: string };
    expect((await t.call(url, { headers: { cookie } })).status).toBe(200);
  });

  test("an operator whose role has sendFile off (fixture config) is told so", async () => {
    const t = await setup();
    conversations.set("c2", conversation({ id: "c2", operatorId: "olga", departmentId: "support" }));
    const { cookie, csrf } = await t.signIn("olga@example.com", PASSWORDS.olga);
    const res = await t.call("/api/conversations/c2/files", { method: "POST", body: pngForm(), headers: { cookie, origin: CONSOLE, "x-csrf-token": csrf } });
    expect(res.status).toBe(403);
    expect(await codeOf(res)).toBe("permission.disabled");
  });

  test("no credentials at all is auth.required", async () => {
    const t = await setup();
    conversations.set("c1", conversation());
    const res = await t.call("/api/conversations/c1/files", { method: "POST", body: pngForm() });
    expect(res.status).toBe(401);
    expect(await codeOf(res)).toBe("auth.required");
  });
});
