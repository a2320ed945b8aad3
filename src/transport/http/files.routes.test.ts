import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import type { Principal } from "../../auth/principal.model";
import { conversation, EXE, HTML, PNG, staff, TEXT, visitor, zip } from "../../files/file-fixtures.testing";
import { createFileHarness, type FileHarness } from "../../files/file-service.testing";
import { silentLogger } from "../../observability/logger";
import { createMetrics } from "../../observability/metrics";
import { createApp } from "./app";
import { filesRoutes } from "./files.routes";
import { Readiness } from "./health.routes";

const metrics = createMetrics({ processMetrics: false });
let h: FileHarness;
let app: ReturnType<typeof createApp>;

/** Test-only authentication: the principal travels as JSON in a header. */
const PRINCIPAL_HEADER = "x-test-principal";
const as = (principal: Principal) => ({ [PRINCIPAL_HEADER]: JSON.stringify(principal) });

beforeEach(() => {
  h = createFileHarness({ maxBytes: 1024 });
  h.conversations.set("c1", conversation());
  const resolvePrincipal = (request: Request) => {
    const raw = request.headers.get(PRINCIPAL_HEADER);
    return raw ? (JSON.parse(raw) as Principal) : null;
  };
  app = createApp({ logger: silentLogger, metrics, readiness: new Readiness(), ui: null, version: "test", routes: [filesRoutes({ files: h.service, resolvePrincipal })] });
});
afterEach(() => h.close());

const call = (path: string, init: RequestInit = {}) => app.handle(new Request(`http://parley.test${path}`, init));

function form(content: Uint8Array, name: string, type = "", field = "file"): FormData {
  const data = new FormData();
  data.append(field, new File([content as Uint8Array<ArrayBuffer>], name, { type }));
  return data;
}

const upload = (principal: Principal | null, body: BodyInit, headers: Record<string, string> = {}, conversationId = "c1") =>
  call(`/api/conversations/${conversationId}/files`, { method: "POST", body, headers: { ...(principal ? as(principal) : {}), ...headers } });

async function uploaded(principal: Principal, content: Uint8Array, name: string, type = ""): Promise<{ id: string; url: string }> {
  const res = await upload(principal, form(content, name, type));
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; url: string };
}

async function errorOf(res: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await res.json()) as { error: { code: string; message: string } };
  return { status: res.status, code: body.error.code, message: body.error.message };
}

/** A multipart body streamed in chunks with no Content-Length, as a chunked upload arrives. */
function streamedMultipart(boundary: string, fileName: string, content: Uint8Array, chunkSize = 256): ReadableStream<Uint8Array> {
  const head = new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/plain\r\n\r\n`);
  const tail = new TextEncoder().encode(`\r\n--${boundary}--\r\n`);
  const whole = Buffer.concat([head, content, tail]);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= whole.length) return controller.close();
      controller.enqueue(whole.subarray(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}

describe("POST /api/conversations/:id/files", () => {
  test("a visitor attaches a picture and gets its metadata back", async () => {
    const res = await upload(visitor("v1"), form(PNG, "Écran 1.png", "image/png"));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id: "file_1", name: "Écran 1.png", size: PNG.byteLength, contentType: "image/png", url: "/api/files/file_1" });
  });

  test("a file over the limit is refused from its Content-Length alone", async () => {
    const res = await upload(visitor("v1"), form(new Uint8Array(200_000).fill(0x61), "big.txt", "text/plain"));
    expect(await errorOf(res)).toMatchObject({ status: 413, code: "upload.too_large" });
    expect(h.temporaryFiles()).toEqual([]);
  });

  test("a streamed body without Content-Length is cut off once it passes the limit", async () => {
    const boundary = "parleyTestBoundary";
    const body = streamedMultipart(boundary, "big.txt", new Uint8Array(50_000).fill(0x61));
    const res = await upload(visitor("v1"), body, { "content-type": `multipart/form-data; boundary=${boundary}` });
    expect(await errorOf(res)).toMatchObject({ status: 413, code: "upload.too_large" });
    expect(h.storedBlobs()).toEqual([]);
    expect(h.temporaryFiles()).toEqual([]);
  });

  test("a streamed body within the limit is accepted", async () => {
    const boundary = "parleyTestBoundary";
    const res = await upload(visitor("v1"), streamedMultipart(boundary, "notes.txt", TEXT, 5), { "content-type": `multipart/form-data; boundary=${boundary}` });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { contentType: string }).contentType).toBe("text/plain");
  });

  test("a disguised file is a type mismatch, a disallowed one is refused by type", async () => {
    expect(await errorOf(await upload(visitor("v1"), form(zip(), "cat.png", "image/png")))).toMatchObject({ status: 415, code: "upload.type_mismatch" });
    expect(await errorOf(await upload(visitor("v1"), form(HTML, "cat.png", "image/png")))).toMatchObject({ status: 415, code: "upload.type_mismatch" });
    expect(await errorOf(await upload(visitor("v1"), form(EXE, "setup.exe", "application/x-msdownload")))).toMatchObject({ status: 415, code: "upload.type_not_allowed" });
    expect(await errorOf(await upload(visitor("v1"), form(HTML, "page.html", "text/html")))).toMatchObject({ status: 415, code: "upload.type_not_allowed" });
  });

  test("malformed multipart is a precise 400, never a 500", async () => {
    const garbage = await upload(visitor("v1"), "this is not multipart at all", { "content-type": "multipart/form-data; boundary=xyz" });
    expect(await errorOf(garbage)).toMatchObject({ status: 400, code: "request.invalid" });
    const noBoundary = await upload(visitor("v1"), "x", { "content-type": "multipart/form-data" });
    expect(await errorOf(noBoundary)).toMatchObject({ status: 400, code: "request.invalid" });
    const truncated = await upload(visitor("v1"), '--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhello', {
      "content-type": "multipart/form-data; boundary=b",
    });
    expect(await errorOf(truncated)).toMatchObject({ status: 400, code: "request.invalid" });
    expect(h.temporaryFiles()).toEqual([]);
  });

  test("a JSON body is refused by the content-type schema", async () => {
    const res = await upload(visitor("v1"), "{}", { "content-type": "application/json" });
    expect(await errorOf(res)).toMatchObject({ status: 400, code: "request.invalid" });
  });

  test("the form must hold exactly one file, in the `file` field", async () => {
    const none = new FormData();
    none.append("caption", "hello");
    expect(await errorOf(await upload(visitor("v1"), none))).toMatchObject({ status: 400, code: "request.invalid" });
    expect((await errorOf(await upload(visitor("v1"), form(PNG, "a.png", "image/png", "attachment")))).message).toContain('"file" field');
    const two = form(PNG, "a.png", "image/png");
    two.append("file", new File([TEXT as Uint8Array<ArrayBuffer>], "b.txt", { type: "text/plain" }));
    expect((await errorOf(await upload(visitor("v1"), two))).message).toContain("exactly one file");
    expect(h.repository.listByConversation("c1")).toEqual([]);
  });

  test("anonymous callers must authenticate; strangers do not learn the conversation exists", async () => {
    expect(await errorOf(await upload(null, form(PNG, "a.png")))).toMatchObject({ status: 401, code: "auth.required" });
    expect(await errorOf(await upload(visitor("v2"), form(PNG, "a.png")))).toMatchObject({ status: 404, code: "conversation.not_found" });
  });

  test("an operator whose role may not send files is told so", async () => {
    const res = await upload(staff("op1", "operator", { sendFile: false }), form(PNG, "a.png"));
    expect(await errorOf(res)).toMatchObject({ status: 403, code: "permission.disabled" });
  });

  test("a rate-limited visitor gets 429 rate.limited", async () => {
    h.rateLimit.refuse = true;
    expect(await errorOf(await upload(visitor("v1"), form(PNG, "a.png")))).toMatchObject({ status: 429, code: "rate.limited" });
  });

  test("a malformed conversation id is invalid input", async () => {
    expect(await errorOf(await upload(visitor("v1"), form(PNG, "a.png"), {}, "bad%20id"))).toMatchObject({ status: 400, code: "request.invalid" });
  });
});

describe("GET /api/files/:id", () => {
  test("who may download: own visitor, assigned operator, manager yes; others 404", async () => {
    const { url } = await uploaded(visitor("v1"), PNG, "a.png", "image/png");
    const matrix: [Principal, number][] = [
      [visitor("v1"), 200],
      [visitor("v2"), 404],
      [staff("op1"), 200],
      [staff("op0"), 200],
      [staff("op9", "operator", {}, ["sales"]), 404],
      [staff("boss", "manager"), 200],
    ];
    for (const [principal, status] of matrix) {
      const res = await call(url, { headers: as(principal) });
      expect({ who: principal, status: res.status }).toEqual({ who: principal, status });
      if (status === 404) expect((await errorOf(res)).code).toBe("file.not_found");
    }
  });

  test("the file comes back byte for byte with safe headers", async () => {
    const { url } = await uploaded(visitor("v1"), PNG, "a.png", "image/png");
    const res = await call(url, { headers: as(visitor("v1")) });
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("content-disposition")).toStartWith("inline;");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(res.headers.get("cache-control")).toStartWith("private");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array(PNG));
  });

  test("?download=1 forces an attachment; text is always one", async () => {
    const image = await uploaded(visitor("v1"), PNG, "a.png", "image/png");
    expect((await call(`${image.url}?download=1`, { headers: as(visitor("v1")) })).headers.get("content-disposition")).toStartWith("attachment;");
    const text = await uploaded(visitor("v1"), TEXT, "notes.txt", "text/plain");
    const res = await call(text.url, { headers: as(visitor("v1")) });
    expect(res.headers.get("content-disposition")).toStartWith("attachment;");
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
  });

  test("revalidation with the ETag answers 304", async () => {
    const { url } = await uploaded(visitor("v1"), PNG, "a.png", "image/png");
    const first = await call(url, { headers: as(visitor("v1")) });
    const etag = first.headers.get("etag")!;
    const again = await call(url, { headers: { ...as(visitor("v1")), "if-none-match": etag } });
    expect(again.status).toBe(304);
  });

  test("a range request gets those bytes", async () => {
    const { url } = await uploaded(visitor("v1"), PNG, "a.png", "image/png");
    const res = await call(url, { headers: { ...as(visitor("v1")), range: "bytes=0-7" } });
    expect(res.status).toBe(206);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array(PNG.subarray(0, 8)));
  });

  test("unknown ids are file.not_found; malformed ids and query values are invalid input", async () => {
    expect(await errorOf(await call("/api/files/nope", { headers: as(visitor("v1")) }))).toMatchObject({ status: 404, code: "file.not_found" });
    expect(await errorOf(await call("/api/files/a.b", { headers: as(visitor("v1")) }))).toMatchObject({ status: 400, code: "request.invalid" });
    const { url } = await uploaded(visitor("v1"), PNG, "a.png", "image/png");
    expect(await errorOf(await call(`${url}?download=yes`, { headers: as(visitor("v1")) }))).toMatchObject({ status: 400, code: "request.invalid" });
  });

  test("anonymous downloads must authenticate", async () => {
    const { url } = await uploaded(visitor("v1"), PNG, "a.png", "image/png");
    expect(await errorOf(await call(url))).toMatchObject({ status: 401, code: "auth.required" });
  });
});

describe("over a real socket", () => {
  test("an endless chunked upload is answered 413 and stops being read soon after the limit", async () => {
    h.settings.maxBytes = 1024 * 1024;
    const server = Bun.serve({ port: 0, fetch: app.fetch });
    try {
      let sent = 0;
      const total = 64 * 1024 * 1024;
      const head = new TextEncoder().encode('--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n');
      const chunk = new Uint8Array(64 * 1024).fill(0x61);
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= total) return controller.close();
          controller.enqueue(sent === 0 ? Buffer.concat([head, chunk]) : chunk);
          sent += chunk.byteLength;
        },
      });
      const res = await fetch(`${server.url}api/conversations/c1/files`, {
        method: "POST",
        body,
        headers: { ...as(visitor("v1")), "content-type": "multipart/form-data; boundary=b" },
      });
      expect(await errorOf(res)).toMatchObject({ status: 413, code: "upload.too_large" });
      expect(sent).toBeLessThan(total / 4);
      expect(h.temporaryFiles()).toEqual([]);
    } finally {
      server.stop(true);
    }
  });
});

test("the API documentation describes both routes and the multipart upload body", async () => {
  const spec = (await (await call("/openapi.json")).json()) as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>> };
  expect(Object.keys(spec.paths["/api/conversations/{id}/files"]?.post?.requestBody?.content ?? {})).toEqual(["multipart/form-data"]);
  expect(spec.paths["/api/files/{id}"]?.get).toBeDefined();
});
