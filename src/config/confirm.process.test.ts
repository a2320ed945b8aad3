/**
 * The server has the exact reader confirm its quickly read config in a child process (`parley
 * confirm-config`, run here from source as the binary runs itself): the confirmation must be the one
 * the reader gives in-process, on the text the server read, and a child that fails must say why.
 */
import { describe, expect, test } from "bun:test";
import { selfCommand } from "../cli/self";
import { MINIMAL } from "./config.fixtures";
import { confirmInChildProcess } from "./confirm.process";

const FILE = "/srv/parley/c.yaml";
const confirm = (text: string, command = selfCommand()) => confirmInChildProcess({ command, configFile: FILE, text });

describe("the config's confirmation in a child process", () => {
  test("a plain file is confirmed with no errors, from the text given (the file itself is never read)", async () => {
    expect(await confirm(MINIMAL)).toEqual({ ok: true, confirmation: { errors: [], warnings: [], difference: null } });
  });

  test("a repeated key is refused at its line, in the file as the server named it", async () => {
    const outcome = await confirm(`server:\n  port: 8080\n  port: 9090\n${MINIMAL}`);
    expect(outcome.ok).toBe(true);
    const { errors } = (outcome as Extract<typeof outcome, { ok: true }>).confirmation;
    expect(errors).toEqual([expect.objectContaining({ file: FILE, line: 3, message: expect.stringContaining("duplicate key") })]);
  });

  test("a child that fails, prints something else, or cannot start gives the reason instead of a confirmation", async () => {
    expect(await confirm(MINIMAL, ["sh", "-c", "echo 'config: broken' >&2; exit 4", "sh"])).toEqual({ ok: false, reason: "exit 4: config: broken" });
    expect(await confirm(MINIMAL, ["sh", "-c", "echo '{\"errors\": \"none\"}'", "sh"])).toEqual({ ok: false, reason: "exit 0" });
    const missing = await confirm(MINIMAL, ["/nonexistent/parley"]);
    expect(missing.ok).toBe(false);
  });
});
