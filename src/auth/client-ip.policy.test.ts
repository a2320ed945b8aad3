import { describe, expect, test } from "bun:test";
import { compileProxyTrust, invalidTrustedProxies, isSecureRequest, resolveClientIp } from "./client-ip.policy";

const trust = compileProxyTrust(["10.0.0.0/8", "192.168.1.5", "fd00::/8"]);

describe("compileProxyTrust", () => {
  const cases: [string, boolean][] = [
    ["10.1.2.3", true],
    ["11.0.0.1", false],
    ["192.168.1.5", true],
    ["192.168.1.6", false],
    ["::ffff:10.0.0.7", true], // IPv4-mapped IPv6 peer (dual-stack socket)
    ["fd12::1", true],
    ["2001:db8::1", false],
    ["garbage", false],
  ];
  for (const [address, expected] of cases) test(`${address} → ${expected}`, () => expect(trust(address)).toBe(expected));

  test("no entries trusts nobody", () => expect(compileProxyTrust([])("127.0.0.1")).toBe(false));

  test("malformed entries are reported and never trusted", () => {
    expect(invalidTrustedProxies(["10.0.0.0/8", "10.0.0.0/99", "proxy.local", "::1"])).toEqual(["10.0.0.0/99", "proxy.local"]);
    expect(compileProxyTrust(["proxy.local"])("10.0.0.1")).toBe(false);
  });
});

describe("resolveClientIp", () => {
  test("X-Forwarded-For is ignored when the peer is not a trusted proxy (spoofing)", () => {
    expect(resolveClientIp("203.0.113.9", "1.2.3.4", trust)).toBe("203.0.113.9");
  });

  test("behind a trusted proxy, the forwarded client is used", () => {
    expect(resolveClientIp("10.0.0.2", "198.51.100.7", trust)).toBe("198.51.100.7");
  });

  test("a chain is walked from the right, skipping trusted hops; a spoofed left part is ignored", () => {
    expect(resolveClientIp("10.0.0.2", "6.6.6.6, 198.51.100.7, 10.0.0.9", trust)).toBe("198.51.100.7");
  });

  test("when every hop is trusted, the left-most is the client", () => {
    expect(resolveClientIp("10.0.0.2", "10.9.9.9, 10.0.0.3", trust)).toBe("10.9.9.9");
  });

  test("garbage in the chain stops at the last address we can vouch for", () => {
    expect(resolveClientIp("10.0.0.2", "198.51.100.7, nonsense", trust)).toBe("10.0.0.2");
  });

  test("IPv4-mapped peers are reported as IPv4", () => {
    expect(resolveClientIp("::ffff:203.0.113.9", null, trust)).toBe("203.0.113.9");
  });

  test("an unknown peer (in-process request) is 'unknown'", () => {
    expect(resolveClientIp(null, "1.2.3.4", trust)).toBe("unknown");
  });
});

describe("isSecureRequest", () => {
  test("https requests are secure", () => expect(isSecureRequest("https://x/", null, null, trust)).toBe(true));
  test("X-Forwarded-Proto from a trusted proxy is believed", () => expect(isSecureRequest("http://x/", "10.0.0.2", "https", trust)).toBe(true));
  test("X-Forwarded-Proto from anyone else is not", () => expect(isSecureRequest("http://x/", "203.0.113.9", "https", trust)).toBe(false));
});
