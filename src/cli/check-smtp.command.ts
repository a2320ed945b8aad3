/**
 * `parley check-smtp [--config FILE] [--json]`: connects to the config's SMTP server and logs in
 * once, the check the server runs after it starts and whenever `smtp` changes, so an admin can test
 * the settings without a restart. Prints `smtp server ready: HOST:PORT` (exit 0), or why the check
 * failed (exit 1). With `--json` the outcome is one line on stdout instead, `{"ok":true}` or
 * `{"ok":false,"reason":"…"}`: `serve` runs this command as a child process
 * (src/mail/smtp-check.process.ts), so the SMTP client (nodemailer, Node's net/tls/dns) is not
 * loaded into a long-running server that has not sent any mail yet.
 */
import { formatIssues } from "../config/issue.model";
import { loadConfigQuickly } from "../config/quick-load";
import { SmtpTransport, type SmtpCheckResult } from "../mail/smtp.transport";
import { createLogger } from "../observability/logger";
import { configFileFrom, parseCommandArgs } from "./args";
import { EXIT, type CliIO } from "./io";

/** Runs the command; see the module comment. */
export async function checkSmtpCommand(args: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(args, { config: { type: "string" }, json: { type: "boolean" } });
  const file = configFileFrom(values.config, io);
  const report = (result: SmtpCheckResult, where = ""): number => {
    if (values.json) io.out(JSON.stringify(result));
    else if (result.ok) io.out(`smtp server ready: ${where}`);
    else io.err(`parley: smtp server check failed: ${result.reason}`);
    return result.ok ? EXIT.ok : EXIT.failed;
  };

  const loaded = loadConfigQuickly(file, io.env).result;
  if (!loaded.ok) {
    if (!values.json) io.err(formatIssues(loaded.errors));
    return report({ ok: false, reason: `${loaded.errors.length} error${loaded.errors.length === 1 ? "" : "s"} in ${file}` });
  }
  const settings = loaded.config.smtp;
  if (!settings) return report({ ok: false, reason: `${file} has no smtp section` });
  const transport = new SmtpTransport(createLogger({ level: "error", sink: () => {} }));
  transport.configure(settings);
  try {
    return report((await transport.check())!, `${settings.host}:${settings.port}`);
  } finally {
    transport.close();
  }
}
