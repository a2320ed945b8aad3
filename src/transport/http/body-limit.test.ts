import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Elysia } from "elysia";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testConfig } from "../../auth/auth.fixtures";
import { startServer, type ParleyServer } from "../../server";
import { MAX_JSON_BODY_BYTES, bodyLimit, serverBodyCap } from "./body-limit";
import { httpErrors } from "./errors";

/**
 * Sends a POST with `Transfer-Encoding: chunked` (no Content-Length) over a raw socket, so nothing in
 * between buffers it into a declared length, and returns the status line and body of the answer.
 */
function postChunked(port: number, path: string, contentType: string, totalBytes: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    let answer = "";
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://shop.example.com\r\nContent-Type: ${contentType}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`);
      const chunk = "x".repeat(16 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent < totalBytes && !socket.destroyed) {
          const piece = chunk.slice(0, Math.min(chunk.length, totalBytes - sent));
          sent += piece.length;
          if (!socket.write(`${piece.length.toString(16)}\r\n${piece}\r\n`)) return void socket.once("drain", pump);
        }
        if (!socket.destroyed) socket.write("0\r\n\r\n");
      };
      pump();
    });
    socket.on("data", (data) => (answer += data));
    socket.on("error", () => {}); // the server may close while we still write: the answer is what counts
    socket.on("close", () => {
      const match = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      if (!match) return reject(new Error(`no HTTP answer: ${JSON.stringify(answer.slice(0, 200))}`));
      resolve({ status: Number(match[1]), body: answer.slice(answer.indexOf("\r\n\r\n") + 4) });
    });
  });
}

describe("serverBodyCap", () => {
  test("admits the largest upload with its multipart envelope, and never less than a JSON body", () => {
    expect(serverBodyCap(10 * 1024 * 1024)).toBe(10 * 1024 * 1024 + 64 * 1024);
    expect(serverBodyCap(1)).toBe(MAX_JSON_BODY_BYTES);
  });
});

describe("a chunked body over the cap of the running server", () => {
  let server: ParleyServer;
  let dir: string;
  const lines: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "parley-body-cap-"));
    const config = await testConfig((raw) => {
      raw.server = { ...raw.server, host: "127.0.0.1", port: 0, logLevel: "info" };
      raw.storage = { dataDir: join(dir, "data") };
      raw.files = { maxBytes: 1024 };
    });
    const configFile = join(dir, "parley.yaml");
    writeFileSync(configFile, "# the test passes its config object directly\n");
    server = await startServer({ configFile, config, logSink: (line) => lines.push(line) });
  });
  afterAll(async () => {
    await server.shutdown("test over");
    rmSync(dir, { recursive: true, force: true });
  });

  test("is refused with 413 (bodyLimit never sees a Content-Length) and logs no error", async () => {
    const answer = await postChunked(server.port, "/api/widget/session", "application/json", serverBodyCap(1024) + 64 * 1024);
    expect(answer.status).toBe(413);
    expect(lines.filter((line) => line.includes('"level":"error"'))).toEqual([]);
  });

  test("a chunked body under the cap is read as usual", async () => {
    const answer = await postChunked(server.port, "/api/widget/session", "application/json", 0);
    // An empty chunked body reaches the route and its validation (not the cap).
    expect(answer.status).not.toBe(413);
    expect(answer.status).toBeLessThan(500);
  });
});

describe("a handler streaming a body the server cut off", () => {
  test("answers request.too_large instead of logging an unhandled 500", async () => {
    const errors: unknown[] = [];
    const logger = { error: (...args: unknown[]) => errors.push(args), warn() {}, info() {}, debug() {}, child: () => logger } as never;
    let reads = 0;
    const app = new Elysia()
      .use(httpErrors(logger))
      .use(bodyLimit())
      .post("/upload", async ({ request }) => {
        reads++;
        let bytes = 0;
        for await (const chunk of request.body!) bytes += chunk.byteLength;
        return { bytes };
      }, { parse: "none" });
    app.listen({ hostname: "127.0.0.1", port: 0, maxRequestBodySize: serverBodyCap(1024) });
    try {
      const answer = await postChunked(app.server!.port!, "/upload", "application/octet-stream", serverBodyCap(1024) + 64 * 1024);
      expect(answer.status).toBe(413);
      expect(reads).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await app.stop(true);
    }
  });
});
