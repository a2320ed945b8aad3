/**
 * Automatic transfer against the compiled binary, as the audit saw it: two operators online,
 * neither answering, `autoTransferSeconds` short. The conversation must move once and then stay
 * (not bounce olga → carol → olga …), the visitor must hear "you are being transferred" once, and
 * must never be asked "are you still there?" while they are the one waiting. Once an operator
 * answers, the reminder does come after the visitor's silence.
 */
import { afterAll, beforeAll, expect, setDefaultTimeout, test } from "bun:test";
import { BUILD_TIMEOUT_MS, ensureBinary, startParley, stopAll, type ParleyProcess } from "./harness";
import { PASSWORD, SHOP, realtimeConfig, visitor, visitorHistory } from "./realtime.fixtures";
import { WsTestClient } from "../../src/transport/ws/ws-client.testing";

setDefaultTimeout(30_000);
const TRANSFER_SECONDS = 1;
let parley: ParleyProcess;

beforeAll(async () => {
  await ensureBinary();
  const base = await realtimeConfig();
  const carol = { id: "carol", name: "Carol Operator", email: "carol@example.com", role: "operator", passwordHash: await Bun.password.hash(PASSWORD, { algorithm: "argon2id" }) };
  parley = await startParley({
    config: {
      ...base,
      operators: [...base.operators, carol],
      // The reminder after ~1.2 s of visitor silence, so a wrong one would show within the test.
      timeouts: { autoTransferSeconds: TRANSFER_SECONDS, visitorReminderMinutes: 0.02, visitorInactivityMinutes: 5, operatorReminderBeforeTimeoutSeconds: 0 },
    },
  });
}, BUILD_TIMEOUT_MS);
afterAll(() => stopAll());

/** An operator signs in from the console's origin and says hello. */
async function signIn(email: string): Promise<WsTestClient> {
  const res = await fetch(`${parley.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json", origin: parley.url }, body: JSON.stringify({ email, password: PASSWORD }) });
  if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  const client = await WsTestClient.open(`${parley.url.replace("http", "ws")}/ws/operator`, { origin: parley.url, cookie });
  await client.ok({ type: "hello" });
  return client;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("two silent operators: one automatic transfer, one notice, no reminder to the waiting visitor", async () => {
  const olga = await signIn("olga@example.com");
  const carol = await signIn("carol@example.com");
  const { client: v, token } = await visitor(parley.url);
  await v.ok({ type: "hello", token });
  const started = await v.ok({ type: "start", pageUrl: `${SHOP}/orders` });
  const conversationId = started.result.conversationId as string;
  await v.ok({ type: "message", text: "Where is my order?" });

  // Long enough for the old behaviour to bounce several times and send several reminders.
  await sleep(6 * TRANSFER_SECONDS * 1000);
  /** The visitor's stored events (history frames carry `{seq, event}`). */
  const events = async () => (await visitorHistory(parley.url, token, conversationId)).map((frame) => frame.event as Record<string, any>);
  let history = await events();
  const assigned = history.filter((e) => e.type === "conversation.assigned").map((e) => e.operator.id);
  expect(assigned).toHaveLength(2);
  expect(assigned[1]).not.toBe(assigned[0]);
  expect(history.filter((e) => e.type === "notice").map((e) => e.kind)).toEqual(["auto_transfer"]);

  // The operator who has it now answers: the visitor owes the next message, and is reminded.
  const holder = assigned[1] === "olga" ? olga : carol;
  await holder.ok({ type: "message", conversationId, text: "It left the warehouse this morning." });
  await v.waitFor((f) => f.type === "event" && f.event.type === "notice" && f.event.kind === "visitor_reminder", { timeoutMs: 10_000 });
  history = await events();
  expect(history.filter((e) => e.type === "notice").map((e) => e.kind)).toEqual(["auto_transfer", "visitor_reminder"]);
  expect(history.filter((e) => e.type === "conversation.assigned")).toHaveLength(2);
});
