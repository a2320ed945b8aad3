/**
 * `parley serve` reads its config with the quick reader and has the exact YAML reader confirm it
 * once listening (src/config/quick-load.ts). A file only the exact reader refuses — a key written
 * twice, which Bun's parser reads as its last value — must still stop the server, with the error at
 * its line and exit code 1, the way a refused start does.
 */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { E2E_TIMEOUT_MS, freePort, startParley, stopAll } from "./harness";

afterAll(stopAll);

test("a key written twice stops the server once the exact reader has read the file", async () => {
  const port = freePort();
  const config = (dataDir: string) =>
    [
      "server:",
      "  host: 127.0.0.1",
      `  port: ${port}`,
      "storage:",
      `  dataDir: ${dataDir}`,
      "operators:",
      "  - id: admin",
      "    name: Admin",
      "    name: Boss",
      "    email: admin@example.com",
      "    role: admin",
      "",
    ].join("\n");
  const dataDir = mkdtempSync(join(tmpdir(), "parley-e2e-dup-"));
  const parley = await startParley({ config: config(dataDir), waitForReady: false });
  await parley.waitForLog(/"msg":"listening"/);
  const code = await parley.proc.exited;
  await parley.stop();
  rmSync(dataDir, { recursive: true, force: true });
  expect(code).toBe(1);
  const logs = parley.logs().join("\n");
  expect(logs).toContain("parley.yaml:9:5 YAML syntax error: duplicate key: name is already defined in this mapping");
  expect(logs).toContain("parley: stopping: 1 error in");
}, E2E_TIMEOUT_MS);
