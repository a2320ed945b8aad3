/** `capacity.set` over the operator socket: validated, applied by the engine, acked, and announced in presence. */
import { afterEach, expect, test } from "bun:test";
import { realtimeFixture, type RealtimeFixture } from "./realtime.fixtures";

let fx: RealtimeFixture;
afterEach(async () => fx?.stop());

test("an operator lowers their own capacity: acked with the new limit, in their presence, and new visitors queue", async () => {
  fx = await realtimeFixture((raw) => (raw.capacity = { ...raw.capacity, conversationsPerOperator: 3 }));
  const olga = await fx.operator("olga");
  const snapshot = olga.first((f) => f.type === "snapshot");
  expect(snapshot.operator).toMatchObject({ capacity: 3, maxCapacity: 3 });
  const ack = await olga.ok({ type: "capacity.set", max: 1 });
  expect(ack.result).toMatchObject({ id: "olga", capacity: 1, maxCapacity: 3 });
  expect(await olga.waitFor((f) => f.type === "presence" && f.operators.some((o: { id: string; capacity: number }) => o.id === "olga" && o.capacity === 1))).toBeTruthy();
  await fx.startedVisitor();
  const second = await fx.startedVisitor();
  expect(fx.engine.engine.conversation(second.conversationId)?.state).toBe("waiting");
});

test.each([
  [{ max: 0 }, "request.invalid"],
  [{ max: 4 }, "request.invalid"],
  [{ max: "2" }, "request.invalid"],
  [{}, "request.invalid"],
])("capacity.set %p is refused with %s", async (body, code) => {
  fx = await realtimeFixture((raw) => (raw.capacity = { ...raw.capacity, conversationsPerOperator: 3 }));
  const olga = await fx.operator("olga");
  expect(await olga.request({ type: "capacity.set", ...body })).toMatchObject({ type: "error", code });
  expect(fx.engine.engine.operator("olga")?.capacity).toBe(3);
});
