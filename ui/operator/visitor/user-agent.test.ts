import { describe, expect, test } from "bun:test";
import { describeUserAgent, languageName, visitorLocalTime } from "./user-agent";

describe("visitor device and locale", () => {
  test("common agents are reduced to browser, OS and device", () => {
    expect(describeUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0")).toEqual({ browser: "Firefox 128", os: "Windows 10", device: "desktop" });
    expect(describeUserAgent("Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1")).toEqual({ browser: "Safari 17", os: "iOS 17.2", device: "mobile" });
    expect(describeUserAgent("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36")).toMatchObject({ browser: "Chrome 124", device: "mobile" });
  });

  test("a missing or unknown agent gives nulls, never an exception", () => {
    expect(describeUserAgent(null)).toEqual({ browser: null, os: null, device: null });
    expect(describeUserAgent("   ")).toEqual({ browser: null, os: null, device: null });
    expect(() => describeUserAgent("curl/8.0")).not.toThrow();
  });

  test("local time comes from the visitor's timezone; an invalid zone gives null", () => {
    const at = Date.UTC(2026, 0, 5, 9, 0, 0);
    expect(visitorLocalTime("Asia/Tokyo", at, "en-GB")).toBe("Mon 18:00");
    expect(visitorLocalTime("Not/AZone", at, "en-GB")).toBeNull();
    expect(visitorLocalTime(null, at, "en-GB")).toBeNull();
  });

  test("language tags become names in the operator's language", () => {
    expect(languageName("fr-CA", "en")).toBe("Canadian French");
    expect(languageName("de", "fr")).toBe("allemand");
    expect(languageName(null, "en")).toBeNull();
  });
});
