import { describe, expect, test } from "bun:test";
import { presenceTone } from "./status-dot";
import { statusName, statusNameOf, type ConfiguredStatus } from "./status-labels";

const statuses: ConfiguredStatus[] = [
  { id: "connected", label: "connected", acceptsNewConversations: true, builtin: true },
  { id: "break", label: "break", acceptsNewConversations: false, builtin: true },
  { id: "phone", label: "On the phone", acceptsNewConversations: false, builtin: false },
];

describe("operator statuses on screen", () => {
  test("built-in statuses are translated, the team's own are shown as configured", () => {
    expect(statusName(statuses[0]!)).toBe("Connected");
    expect(statusName(statuses[1]!)).toBe("On break");
    expect(statusNameOf(statuses, "phone")).toBe("On the phone");
  });

  test("a status the configuration no longer has has no name (each place picks its fallback)", () => {
    expect(statusNameOf(statuses, "training")).toBeUndefined();
  });

  test("the dot is green online, amber while reconnecting, grey offline or unknown", () => {
    expect(presenceTone("online")).toBe("ok");
    expect(presenceTone("grace")).toBe("warn");
    expect(presenceTone("offline")).toBe("off");
    expect(presenceTone(undefined)).toBe("off");
  });
});
