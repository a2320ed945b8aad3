import { afterEach, describe, expect, test } from "bun:test";
import { realtimeFixture, type RealtimeFixture } from "./realtime.fixtures";

let fx: RealtimeFixture;
afterEach(async () => fx?.stop());

/** A widget with a required name and topic choice, and two profile fields the host page sets. */
const withFields = (raw: Record<string, any>) => {
  raw.widget = {
    preChatFields: [
      { id: "name", label: "Name", required: true },
      { id: "topic", label: "Topic", type: "select", required: true, options: ["Billing", "Delivery"] },
    ],
    visitorProfileFields: [
      { id: "customer-number", label: "Customer number" },
      { id: "plan", label: "Plan", type: "select", options: ["Free", "Pro"] },
    ],
  };
};

describe("visitor socket: start fields are checked against the widget configuration", () => {
  test("a start without the required name and with a topic that is not an option is refused and queues nothing", async () => {
    fx = await realtimeFixture(withFields);
    await fx.operator();
    const { client, token } = await fx.visitor();
    await client.ok({ type: "hello", token });
    const badTopic = await client.request({ type: "start", fields: { topic: "Not an option" } });
    expect(badTopic).toMatchObject({ type: "error", code: "field.invalid", details: { field: "topic", reason: "option" } });
    const noName = await client.request({ type: "start", fields: { topic: "Billing" } });
    expect(noName).toMatchObject({ type: "error", code: "field.required", details: { field: "name" } });
    const unknown = await client.request({ type: "start", fields: { name: "Vera", topic: "Billing", role: "admin" } });
    expect(unknown).toMatchObject({ type: "error", code: "field.unknown", details: { field: "role" } });
    expect(fx.engine.engine.openConversations()).toHaveLength(0);
    expect(client.frames.some((f) => f.type === "snapshot" && f.conversation)).toBe(false);
    expect(client.closed).toBeNull();
  });

  test("a valid start stores the pre-chat answers and the host page's profile fields, which the operator sees", async () => {
    fx = await realtimeFixture(withFields);
    const olga = await fx.operator();
    const { conversationId } = await fx.startedVisitor({ fields: { name: " Vera ", topic: "Delivery", "customer-number": "42", plan: "Pro" } });
    const frame = await olga.waitFor((f) => f.type === "conversation" && f.conversation.id === conversationId);
    expect(frame.conversation.visitor).toMatchObject({ name: "Vera", fields: { name: "Vera", topic: "Delivery", "customer-number": "42", plan: "Pro" } });
  });
});
