import { describe, expect, test } from "bun:test";
import { errorsOf, issueAt, MINIMAL, positionOf, warningsOf } from "../config.fixtures";

describe("addresses", () => {
  test("publicUrl must be an absolute http(s) URL", () => {
    const text = `server:\n  publicUrl: chat.example.com\n${MINIMAL}`;
    const issue = issueAt(errorsOf(text), "server.publicUrl");
    expect(issue.message).toBe('"chat.example.com" is not an absolute http(s) URL');
    expect(issue).toMatchObject(positionOf(text, "chat.example.com"));
    expect(issueAt(errorsOf(`server:\n  publicUrl: ftp://x.example\n${MINIMAL}`), "server.publicUrl")).toBeDefined();
  });

  test("allowed origins are bare origins; a URL with a path gets a suggestion", () => {
    const text = `server:\n  allowedOrigins: ["https://shop.example.com", "https://blog.example.com/posts", "shop"]\n${MINIMAL}`;
    const errors = errorsOf(text);
    expect(errors.map((e) => e.path)).toEqual(["server.allowedOrigins[1]", "server.allowedOrigins[2]"]);
    expect(errors[0]!.message).toBe('"https://blog.example.com/posts" is not an origin (did you mean "https://blog.example.com"?)');
  });

  test("trusted proxies are IPs or CIDR ranges", () => {
    const text = `server:\n  trustedProxies: [10.0.0.1, "10.0.0.0/8", "::1", "fd00::/8", proxy.local, "10.0.0.0/33"]\n${MINIMAL}`;
    const errors = errorsOf(text);
    expect(errors.map((e) => e.path)).toEqual(["server.trustedProxies[4]", "server.trustedProxies[5]"]);
  });

  test("upload types are MIME types", () => {
    const text = `files:\n  allowedTypes: [image/png, "image/*", pdf]\n${MINIMAL}`;
    expect(errorsOf(text).map((e) => [e.path, e.message])).toEqual([["files.allowedTypes[2]", '"pdf" is not a MIME type']]);
  });
});

describe("timeouts", () => {
  test("a visitor reminder later than the inactivity timeout is a warning", () => {
    const warnings = warningsOf(`timeouts:\n  visitorInactivityMinutes: 10\n  visitorReminderMinutes: 15\n${MINIMAL}`);
    expect(warnings.some((w) => w.includes("timeouts.visitorReminderMinutes: the visitor reminder is never sent"))).toBe(true);
  });

  test("an operator reminder as long as the inactivity timeout is a warning", () => {
    const warnings = warningsOf(`timeouts:\n  visitorInactivityMinutes: 1\n  operatorReminderBeforeTimeoutSeconds: 60\n${MINIMAL}`);
    expect(warnings.some((w) => w.includes("timeouts.operatorReminderBeforeTimeoutSeconds: the operator reminder comes as soon as the visitor is silent"))).toBe(true);
  });

  test("coherent timeouts give no warning", () => {
    expect(warningsOf(`timeouts:\n  visitorInactivityMinutes: 30\n  visitorReminderMinutes: 20\n${MINIMAL}`)).toEqual([]);
  });
});
