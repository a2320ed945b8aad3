/**
 * `parley healthcheck [--url URL] [--config FILE]`: exit 0 when the local server answers /healthz,
 * 1 otherwise. Lets a container image declare a HEALTHCHECK without shipping curl. The URL comes
 * from --url, else from the config's server.port, else http://127.0.0.1:8080/healthz.
 */
import { loadConfigQuickly } from "../config/quick-load";
import { parseCommandArgs } from "./args";
import { EXIT, type CliIO } from "./io";

const TIMEOUT_MS = 3000;

/** Runs the command; see the module comment. */
export async function healthcheckCommand(args: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(args, { url: { type: "string" }, config: { type: "string" } });
  const url = typeof values.url === "string" ? values.url : healthUrlFromConfig(typeof values.config === "string" ? values.config : io.env.PARLEY_CONFIG, io);
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (res.status === 200) {
      io.out(`healthy: ${url}`);
      return EXIT.ok;
    }
    io.err(`parley: unhealthy: ${url} answered ${res.status}`);
  } catch (error) {
    io.err(`parley: unhealthy: ${url}: ${(error as Error).message}`);
  }
  return EXIT.failed;
}

/** The loopback /healthz URL for the configured port (the wildcard host is reached via 127.0.0.1). */
function healthUrlFromConfig(file: string | undefined, io: CliIO): string {
  if (file) {
    // The quick reader: a container runs this every few seconds, and it only needs the port.
    const loaded = loadConfigQuickly(file, io.env).result;
    if (loaded.ok) {
      const host = ["0.0.0.0", "::", ""].includes(loaded.config.server.host) ? "127.0.0.1" : loaded.config.server.host;
      return `http://${host.includes(":") ? `[${host}]` : host}:${loaded.config.server.port}/healthz`;
    }
    io.err(`parley: ${file} has errors; checking the default port`);
  }
  return "http://127.0.0.1:8080/healthz";
}
