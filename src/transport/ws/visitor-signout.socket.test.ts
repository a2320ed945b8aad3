import { afterEach, describe, expect, test } from "bun:test";
import { CLOSE_CODES } from "./protocol";
import { realtimeFixture, type RealtimeFixture } from "./realtime.fixtures";

let fx: RealtimeFixture;
afterEach(async () => fx?.stop());

describe("signing an erased visitor's widget out", () => {
  test("closeVisitor closes that visitor's sockets with the unauthorized code, and only theirs", async () => {
    fx = await realtimeFixture();
    const erased = await fx.visitor();
    const other = await fx.visitor();
    const said = await erased.client.ok({ type: "hello", token: erased.token });
    await other.client.ok({ type: "hello", token: other.token });
    expect(fx.realtime.closeVisitor(said.result.visitorId, "visitor erased")).toBe(1);
    const closed = await erased.client.whenClosed();
    expect(closed).toMatchObject({ code: CLOSE_CODES.unauthorized, reason: "visitor erased" });
    expect(other.client.closed).toBeNull();
    expect(fx.realtime.closeVisitor(said.result.visitorId, "visitor erased")).toBe(0);
  });

  test("a socket that has not said hello belongs to nobody yet and stays open", async () => {
    fx = await realtimeFixture();
    const quiet = await fx.visitor();
    expect(fx.realtime.closeVisitor("v-unknown", "visitor erased")).toBe(0);
    expect(quiet.client.closed).toBeNull();
  });
});
