import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TestSmtpServer } from "../src/mail/smtp.testing";
import { exampleConfigText, freePort, minimalConfigText } from "./bytecode-order";
const [binary, which = "example", waitS = "5"] = process.argv.slice(2);
const smtp = await TestSmtpServer.start();
const work = mkdtempSync(join(tmpdir(), "mp-"));
const port = freePort();
const placement = { port, dataDir: join(work, "data") };
const cfg = join(work, "p.yaml");
writeFileSync(cfg, which === "minimal" ? minimalConfigText(placement) : exampleConfigText(placement, smtp.settings()));
async function once(keep: boolean) {
  const p = Bun.spawn([binary!, "serve", "--config", cfg], { stdout: "ignore", stderr: keep ? "inherit" : "ignore", env: { ...process.env, ...(keep && process.env.CHILD_LOGGC ? { BUN_JSC_logGC: "1" } : {}) } });
  for (;;) { try { if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) break; } catch { await Bun.sleep(2); } }
  if (!keep) { p.kill("SIGTERM"); await p.exited; return; }
  await Bun.sleep(Number(waitS) * 1000);
  const smaps = readFileSync(`/proc/${p.pid}/smaps`, "utf8");
  writeFileSync(`/tmp/mp/smaps-${which}`, smaps);
  const st = readFileSync(`/proc/${p.pid}/status`, "utf8");
  console.log(st.split("\n").filter(l => /Vm(RSS|HWM)|Rss|Threads/.test(l)).join("\n"));
  // summarize
  let cur = ""; const agg = new Map<string, number>();
  for (const line of smaps.split("\n")) {
    if (/^[0-9a-f]+-[0-9a-f]+ /.test(line)) { const parts = line.split(/\s+/); cur = (parts[5] ?? "[anon]") + " " + parts[1]; }
    else if (line.startsWith("Rss:")) { const kb = Number(line.split(/\s+/)[1]); agg.set(cur, (agg.get(cur) ?? 0) + kb); }
  }
  for (const [k, v] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(String(v).padStart(8), k);
  p.kill("SIGTERM"); await p.exited;
}
await once(false);
await once(true);
smtp.stop?.();
process.exit(0);
