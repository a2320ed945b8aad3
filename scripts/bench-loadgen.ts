/**
 * Load generator speaking Parley's realtime protocol (run by scripts/bench.ts, pinned to its own CPU).
 * V visitors bootstrap a widget session, open /ws/visitor, say hello and start a conversation; O
 * operators sign in and open /ws/operator. Then, on the same connections:
 *   idle    RSS per connection once everyone is connected and in a conversation: 1.5 s after the
 *           last connect, and settled (lowest over the next --settle seconds);
 *   open    messages at a fixed total rate (open loop, round robin over visitors);
 *   closed  every visitor sends its next message as soon as the previous one is acked (saturation).
 * Each phase prints one JSON line. Latencies: ack = visitor send → ack; delivery = visitor send →
 * the message event arriving on the operator's socket. The send time travels in the message text.
 *
 *   bun scripts/bench-loadgen.ts --base http://127.0.0.1:8080 --visitors 2500 --operators 50 \
 *     --password secret --spid <server pid> [--rate 2000] [--warmup 3] [--duration 10] [--phases idle,open,closed] [--settle 15] [--trace late.txt]
 */
import { Samples, cpuMicros, numArg, parseArgs, rssBytes } from "./bench-stats";

const args = parseArgs(process.argv.slice(2));
const base = args.get("base") ?? "http://127.0.0.1:8080";
const origin = args.get("origin") ?? new URL(base).origin;
const wsBase = base.replace(/^http/, "ws");
const V = numArg(args, "visitors", 2500);
const O = numArg(args, "operators", 50);
const RATE = numArg(args, "rate", 2000);
const WARM = numArg(args, "warmup", 3) * 1000;
const DUR = numArg(args, "duration", 10) * 1000;
const SPID = numArg(args, "spid", 0);
const PASSWORD = args.get("password") ?? "";
const PHASES = (args.get("phases") ?? "idle,open,closed").split(",");
const SETTLE = numArg(args, "settle", 15) * 1000;
const PAD = "x".repeat(80);
/** --trace FILE: every delivery slower than 5 ms, as "wall-clock ms  latency ms" lines (to match with server-side logs). */
const TRACE = args.get("trace");
const traced: string[] = [];

let errors = 0;
const errorSamples: string[] = [];
const noteError = (data: string) => {
  errors++;
  if (errorSamples.length < 5) errorSamples.push(data.slice(0, 200));
};

function open(path: string, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    // Bun's WebSocket client accepts headers (Origin, Cookie), as a browser would send them.
    const ws = new WebSocket(`${wsBase}${path}`, { headers } as unknown as string[]);
    ws.onopen = () => resolve(ws);
    ws.onerror = () => reject(new Error(`cannot open ${path}`));
  });
}

/** Send a command and resolve with the first frame that answers its id. */
function request(ws: WebSocket, frame: Record<string, unknown>): Promise<any> {
  return new Promise((resolve, reject) => {
    const previous = ws.onmessage;
    const timer = setTimeout(() => reject(new Error(`no answer to ${frame.type}`)), 30_000);
    ws.onmessage = (e) => {
      const msg = JSON.parse(e.data as string);
      if ((msg.type === "ack" || msg.type === "error") && msg.id === frame.id) {
        clearTimeout(timer);
        ws.onmessage = previous;
        if (msg.type === "error") reject(new Error(`${frame.type}: ${msg.code} ${msg.message}`));
        else resolve(msg);
      }
    };
    ws.send(JSON.stringify(frame));
  });
}

// ── state ─────────────────────────────────────────────────────────────────────────────────────
let measuring = false;
let tStart = 0;
let mode: "idle" | "open" | "closed" = "idle";
let sent = 0, acked = 0, delivered = 0;
const ackLat = new Samples();
const delLat = new Samples();
const visitors: WebSocket[] = [];
const inflight: Map<string, number>[] = [];
const counters: number[] = [];

function sendMessage(k: number): void {
  const now = performance.now();
  const id = `m${k}.${counters[k]!++}`;
  inflight[k]!.set(id, now);
  visitors[k]!.send(`{"type":"message","id":"${id}","text":"t=${now.toFixed(3)};${PAD}"}`);
  if (measuring) sent++;
}

function onVisitorFrame(k: number, data: string): void {
  if (!data.startsWith('{"type":"ack"')) {
    if (data.startsWith('{"type":"error"')) noteError(data);
    return;
  }
  const ack = JSON.parse(data) as { id: string };
  const t = inflight[k]!.get(ack.id);
  if (t === undefined) return;
  inflight[k]!.delete(ack.id);
  if (measuring && t >= tStart) {
    ackLat.add(performance.now() - t);
    acked++;
  }
  if (mode === "closed") sendMessage(k);
}

function onOperatorFrame(data: string): void {
  const at = data.indexOf('"text":"t=');
  if (at < 0) {
    if (data.startsWith('{"type":"error"')) noteError(data);
    return;
  }
  if (data.indexOf('"sender":{"kind":"visitor"') < 0) return;
  const t = Number(data.slice(at + 10, data.indexOf(";", at)));
  if (measuring && t >= tStart) {
    const latency = performance.now() - t;
    delLat.add(latency);
    delivered++;
    if (TRACE && latency > 5) traced.push(`${(performance.timeOrigin + t).toFixed(1)} ${latency.toFixed(1)}`);
  }
}

// ── connect ───────────────────────────────────────────────────────────────────────────────────
const rss0 = SPID ? rssBytes(SPID) : 0;
const t0 = performance.now();
for (let i = 0; i < O; i++) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify({ email: `op${i}@bench.local`, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login op${i}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  const ws = await open("/ws/operator", { origin, cookie });
  await request(ws, { type: "hello", id: "hello" });
  ws.onmessage = (e) => onOperatorFrame(e.data as string);
}
// Half the visitors first, then the other half: the RSS growth of the second half is the marginal
// cost of an idle visitor, free of one-time warm-up (JIT, caches, prepared statements).
const half = Math.floor(V / 2 / 250) * 250 || Math.floor(V / 2);
let rssHalf = 0;
for (let from = 0; from < V; from += 250) {
  if (from === half && SPID) {
    await Bun.sleep(1500);
    rssHalf = rssBytes(SPID);
  }
  const batch: Promise<void>[] = [];
  for (let k = from; k < Math.min(V, from + 250); k++) {
    batch.push((async () => {
      const res = await fetch(`${base}/api/widget/session`, { method: "POST", headers: { "content-type": "application/json", origin }, body: "{}" });
      if (!res.ok) throw new Error(`widget session: ${res.status} ${await res.text()}`);
      const { token } = (await res.json()) as { token: string };
      const ws = await open("/ws/visitor", { origin });
      await request(ws, { type: "hello", id: "hello", token });
      await request(ws, { type: "start", id: "start", pageUrl: "https://bench.local/" });
      visitors[k] = ws;
      inflight[k] = new Map();
      counters[k] = 0;
      ws.onmessage = (e) => onVisitorFrame(k, e.data as string);
    })());
  }
  await Promise.all(batch);
}
const connectMs = performance.now() - t0;
await Bun.sleep(1500);
const conns = V + O;
const rssIdle = SPID ? rssBytes(SPID) : 0;
// The reading above still holds the garbage of the connect burst (2,500 bootstraps, upgrades and
// starts) until JavaScriptCore collects it and returns the memory, which takes seconds; the binary
// cannot be asked to collect (the baseline relay's /stats forces a GC before it reads). So the idle
// memory is also read as the lowest RSS over the next SETTLE seconds, everything still connected.
let rssSettled = rssIdle;
if (SPID && PHASES.includes("idle")) {
  for (const until = performance.now() + SETTLE; performance.now() < until; ) {
    await Bun.sleep(250);
    rssSettled = Math.min(rssSettled, rssBytes(SPID));
  }
}
const emit = (o: Record<string, unknown>) => console.log(JSON.stringify(o));
if (PHASES.includes("idle")) {
  emit({
    phase: "idle",
    visitors: V,
    operators: O,
    conns,
    connectMs: Math.round(connectMs),
    rssBaseMB: mb(rss0),
    rssIdleMB: mb(rssIdle),
    perConnKB: +((rssIdle - rss0) / conns / 1024).toFixed(2),
    rssSettledMB: mb(rssSettled),
    settledPerConnKB: +((rssSettled - rss0) / conns / 1024).toFixed(2),
    marginalPerConnKB: rssHalf ? +((rssIdle - rssHalf) / (V - half) / 1024).toFixed(2) : null,
  });
}
function mb(bytes: number) {
  return +(bytes / 2 ** 20).toFixed(1);
}

// ── phases ────────────────────────────────────────────────────────────────────────────────────
async function phase(name: "open" | "closed"): Promise<void> {
  sent = acked = delivered = 0;
  ackLat.reset();
  delLat.reset();
  mode = name;
  const begin = performance.now();
  let ticker: Timer | undefined;
  if (name === "open") {
    let rr = 0, due = 0;
    const tick = () => {
      const target = Math.floor(((performance.now() - begin) * RATE) / 1000);
      for (; due < target; due++) {
        sendMessage(rr);
        rr = (rr + 1) % V;
      }
    };
    ticker = setInterval(tick, 1);
  } else {
    for (let k = 0; k < V; k++) sendMessage(k);
  }
  await Bun.sleep(WARM);
  measuring = true;
  tStart = performance.now();
  const cpu0 = SPID ? cpuMicros(SPID) : 0;
  const self0 = process.cpuUsage();
  await Bun.sleep(DUR);
  const tEnd = performance.now();
  const cpu1 = SPID ? cpuMicros(SPID) : 0;
  const self1 = process.cpuUsage(self0);
  measuring = false;
  mode = "idle";
  if (ticker) clearInterval(ticker);
  const secs = (tEnd - tStart) / 1000;
  await Bun.sleep(1000); // let in-flight messages land before the next phase
  emit({
    phase: name,
    mode: name === "open" ? `open-loop ${RATE}/s` : "closed-loop window=1 per visitor",
    sentPerSec: Math.round(sent / secs),
    ackedPerSec: Math.round(acked / secs),
    deliveredPerSec: Math.round(delivered / secs),
    ackP50: ackLat.percentile(0.5),
    ackP99: ackLat.percentile(0.99),
    deliveryP50: delLat.percentile(0.5),
    deliveryP99: delLat.percentile(0.99),
    serverCpuPct: SPID ? Math.round(((cpu1 - cpu0) / 1000 / (tEnd - tStart)) * 100) : null,
    cpuUsPerMsg: SPID && acked ? +((cpu1 - cpu0) / acked).toFixed(1) : null,
    loadgenCpuPct: Math.round(((self1.user + self1.system) / 1000 / (tEnd - tStart)) * 100),
    rssMB: SPID ? mb(rssBytes(SPID)) : null,
    errors,
    errorSamples,
  });
}
for (const name of ["open", "closed"] as const) if (PHASES.includes(name)) await phase(name);
if (TRACE) await Bun.write(TRACE, traced.join("\n") + "\n");
process.exit(0);
