import { describe, expect, test } from "bun:test";
import { Hub, HubMessage, type Audience, type HubSubscriber } from "./hub";
import { Topics } from "./topics";

class Recorder implements HubSubscriber {
  readonly got: string[] = [];
  constructor(readonly audience: Audience) {}
  receive(message: HubMessage): void {
    const text = message.textFor(this.audience);
    if (text !== null) this.got.push(text);
  }
}

describe("Hub", () => {
  test("delivers a topic's messages only to its subscribers", () => {
    const hub = new Hub();
    const a = new Recorder("staff");
    const b = new Recorder("staff");
    hub.subscribe(Topics.conversation("c1"), a);
    hub.subscribe(Topics.conversation("c2"), b);
    hub.publish(Topics.conversation("c1"), new HubMessage({ visitor: { n: 1 }, staff: { n: 1 } }));
    expect(a.got).toEqual(['{"n":1}']);
    expect(b.got).toEqual([]);
  });

  test("visitors never receive staff-only frames", () => {
    const hub = new Hub();
    const visitor = new Recorder("visitor");
    const staff = new Recorder("staff");
    hub.subscribe("t", visitor);
    hub.subscribe("t", staff);
    hub.publish("t", new HubMessage({ visitor: null, staff: { note: "internal" } }));
    expect(visitor.got).toEqual([]);
    expect(staff.got).toEqual(['{"note":"internal"}']);
  });

  test("serialises once per audience however many subscribers", () => {
    const hub = new Hub();
    let calls = 0;
    const frame = { toJSON: () => (calls++, { x: 1 }) };
    for (let i = 0; i < 100; i++) hub.subscribe("t", new Recorder("staff"));
    hub.publish("t", new HubMessage({ visitor: null, staff: frame }));
    expect(calls).toBe(1);
  });

  test("a throwing subscriber does not stop delivery to the others", () => {
    const hub = new Hub();
    const errors: string[] = [];
    hub.onSubscriberError = (_e, topic) => errors.push(topic);
    hub.subscribe("t", { audience: "staff", receive: () => { throw new Error("boom"); } });
    const ok = new Recorder("staff");
    hub.subscribe("t", ok);
    expect(hub.publish("t", new HubMessage({ visitor: null, staff: {} }))).toBe(1);
    expect(ok.got.length).toBe(1);
    expect(errors).toEqual(["t"]);
  });

  test("a subscriber may unsubscribe itself while receiving", () => {
    const hub = new Hub();
    const later = new Recorder("staff");
    const self: HubSubscriber = { audience: "staff", receive: () => hub.unsubscribe("t", self) };
    hub.subscribe("t", self);
    hub.subscribe("t", later);
    hub.publish("t", new HubMessage({ visitor: null, staff: {} }));
    expect(later.got.length).toBe(1);
    expect(hub.subscriberCount("t")).toBe(1);
  });

  test("empty topics are forgotten", () => {
    const hub = new Hub();
    const r = new Recorder("staff");
    hub.subscribe("t", r);
    hub.subscribe("t", r);
    expect(hub.subscriberCount("t")).toBe(1);
    hub.unsubscribe("t", r);
    expect(hub.topicCount).toBe(0);
    expect(hub.publish("t", new HubMessage({ visitor: {}, staff: {} }))).toBe(0);
  });

  test("publishing to several topics reaches each subscriber once", () => {
    const hub = new Hub();
    const both = new Recorder("staff");
    const one = new Recorder("staff");
    hub.subscribe(Topics.department("sales"), both);
    hub.subscribe(Topics.operator("ann"), both);
    hub.subscribe(Topics.operator("bob"), one);
    const n = hub.publishToTopics([Topics.department("sales"), Topics.operator("ann"), Topics.operator("bob")], new HubMessage({ visitor: null, staff: { x: 1 } }));
    expect(n).toBe(2);
    expect(both.got.length).toBe(1);
    expect(one.got.length).toBe(1);
  });
});
