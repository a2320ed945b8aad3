import { describe, expect, test } from "bun:test";
import { isStaffOriginAllowed, isWidgetOriginAllowed, normaliseOrigin, originMatches } from "./origin.policy";
import { testConfig } from "./auth.fixtures";

const config = await testConfig(); // publicUrl https://chat.example.com; allowedOrigins shop.example.com, *.brand.example

describe("normaliseOrigin", () => {
  test("lower-cases and drops default ports and paths", () => {
    expect(normaliseOrigin("HTTPS://Chat.Example.com:443/console?x")).toBe("https://chat.example.com");
    expect(normaliseOrigin("http://localhost:8080/")).toBe("http://localhost:8080");
  });
  test("refuses non-http(s) and garbage", () => {
    expect(normaliseOrigin("file:///etc/passwd")).toBeNull();
    expect(normaliseOrigin("not a url")).toBeNull();
  });
});

describe("staff origin check (mutations and WebSocket upgrades)", () => {
  const cases: [string, { origin?: string | null; referer?: string | null }, boolean][] = [
    ["same origin as publicUrl", { origin: "https://chat.example.com" }, true],
    ["explicit default port is the same origin", { origin: "https://chat.example.com:443" }, true],
    ["another site", { origin: "https://evil.example" }, false],
    ["a sibling subdomain", { origin: "https://evil.chat.example.com" }, false],
    ["http instead of https", { origin: "http://chat.example.com" }, false],
    ["an allowed widget origin is still not a staff origin", { origin: "https://shop.example.com" }, false],
    ["no Origin, Referer from the console", { referer: "https://chat.example.com/console/inbox" }, true],
    ["no Origin, Referer from elsewhere", { referer: "https://evil.example/page" }, false],
    ["opaque origin (sandboxed iframe)", { origin: "null" }, false],
    ["neither header", {}, false],
  ];
  for (const [name, headers, expected] of cases) test(name, () => expect(isStaffOriginAllowed(headers, config)).toBe(expected));
});

describe("widget origins", () => {
  const cases: [string, string | null, boolean][] = [
    ["listed origin", "https://shop.example.com", true],
    ["publicUrl's own origin", "https://chat.example.com", true],
    ["wildcard subdomain", "https://eu.brand.example", true],
    ["deeper wildcard subdomain", "https://a.b.brand.example", true],
    ["wildcard does not match the bare domain", "https://brand.example", false],
    ["wildcard keeps the scheme", "http://eu.brand.example", false],
    ["look-alike suffix", "https://evilbrand.example", false],
    ["unlisted", "https://other.example", false],
    ["listed host on another port", "https://shop.example.com:8443", false],
    ["missing Origin", null, false],
    ["opaque origin", "null", false],
  ];
  for (const [name, origin, expected] of cases) test(name, () => expect(isWidgetOriginAllowed(origin, config)).toBe(expected));

  test("'*' admits any http(s) site", () => {
    expect(originMatches("*", "https://anything.test")).toBe(true);
  });

  test("with an empty allowedOrigins only publicUrl's origin is allowed", async () => {
    const bare = await testConfig((raw) => (raw.server.allowedOrigins = []));
    expect(isWidgetOriginAllowed("https://chat.example.com", bare)).toBe(true);
    expect(isWidgetOriginAllowed("https://shop.example.com", bare)).toBe(false);
  });
});
