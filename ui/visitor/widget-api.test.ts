import { describe, expect, test } from "bun:test";
import type { VisitorUser } from "./embed-options";
import { createParleyApi, replayQueuedCalls, WidgetEvents, type ApiBackend } from "./widget-api";
import type { WidgetApp } from "./widget.contract";

function fakeBackend() {
  const calls: string[] = [];
  let isOpen = false;
  let loaded: WidgetApp | null = null;
  let remembered: VisitorUser = {};
  const app: WidgetApp = {
    open: () => ((isOpen = true), calls.push("open")),
    close: () => ((isOpen = false), calls.push("close")),
    isOpen: () => isOpen,
    unread: () => 2,
    setUser: (u) => calls.push(`setUser:${JSON.stringify(u)}`),
  };
  const backend: ApiBackend = {
    app: () => loaded,
    load: async () => {
      calls.push("load");
      return (loaded = app);
    },
    rememberUser: (u) => (remembered = { ...remembered, ...u }),
  };
  return { backend, calls, remembered: () => remembered };
}

describe("window.Parley", () => {
  test("open() loads the app first, then opens; close/isOpen/unread work once loaded", async () => {
    const { backend, calls } = fakeBackend();
    const api = createParleyApi(backend, new WidgetEvents());
    expect(api.isOpen()).toBe(false);
    expect(api.unread()).toBe(0);
    api.close();
    api.open();
    await Bun.sleep(0);
    expect(calls).toEqual(["load", "open"]);
    expect(api.isOpen()).toBe(true);
    api.toggle();
    expect(calls.at(-1)).toBe("close");
    expect(api.unread()).toBe(2);
  });

  test("setUser keeps only non-empty strings of the known keys and is remembered before the app loads", async () => {
    const { backend, calls, remembered } = fakeBackend();
    const api = createParleyApi(backend, new WidgetEvents());
    api.setUser({ name: " Vera ", email: "", userId: "u-1", extra: "x" } as VisitorUser);
    expect(remembered()).toEqual({ name: "Vera", userId: "u-1" });
    expect(calls).toEqual([]);
    api.setUser(null as unknown as VisitorUser);
    expect(remembered()).toEqual({ name: "Vera", userId: "u-1" });
  });

  test("setUser passes profile fields, cleaned, to the backend and the loaded app", async () => {
    const { backend, calls, remembered } = fakeBackend();
    const api = createParleyApi(backend, new WidgetEvents());
    await backend.load();
    const original = console.warn;
    console.warn = () => {};
    try {
      api.setUser({ userId: "u-1", fields: { "customer-number": 42, plan: "Pro", "Not An Id": "x" } } as unknown as VisitorUser);
    } finally {
      console.warn = original;
    }
    expect(remembered()).toEqual({ userId: "u-1", fields: { "customer-number": "42", plan: "Pro" } });
    expect(calls).toContain(`setUser:${JSON.stringify({ userId: "u-1", fields: { "customer-number": "42", plan: "Pro" } })}`);
  });

  test("a listener that throws does not stop the others; off() and the returned function unsubscribe", () => {
    const events = new WidgetEvents();
    const api = createParleyApi(fakeBackend().backend, events);
    const seen: number[] = [];
    const original = console.error;
    console.error = () => {};
    try {
      api.on("unread", () => {
        throw new Error("site bug");
      });
      const stop = api.on("unread", ({ count }) => seen.push(count));
      events.emit("unread", { count: 1 });
      stop();
      events.emit("unread", { count: 2 });
    } finally {
      console.error = original;
    }
    expect(seen).toEqual([1]);
  });

  test("calls queued by the site before widget.js ran are replayed in order", async () => {
    const { backend, calls, remembered } = fakeBackend();
    const api = createParleyApi(backend, new WidgetEvents());
    const original = console.warn;
    const warnings: string[] = [];
    console.warn = (w: string) => warnings.push(w);
    try {
      replayQueuedCalls([["setUser", { email: "v@example.org" }], ["nope"], "junk", ["open"]], api);
    } finally {
      console.warn = original;
    }
    await Bun.sleep(0);
    expect(remembered()).toEqual({ email: "v@example.org" });
    expect(calls).toEqual(["load", "open"]);
    expect(warnings).toEqual(['Parley: unknown queued call "nope"']);
  });
});
