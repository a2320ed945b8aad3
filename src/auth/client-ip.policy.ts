/**
 * The real client address behind reverse proxies. `X-Forwarded-For` and `X-Forwarded-Proto` are
 * only believed when the direct peer is listed in `server.trustedProxies` (IPs or CIDR ranges);
 * otherwise anyone could pick the IP their rate limit is counted against. Addresses are compared
 * with ipaddr.js (the parser behind Express's proxy-addr), so IPv4-mapped IPv6 peers match IPv4 entries.
 */
import ipaddr from "ipaddr.js";

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Decides whether an address belongs to a trusted proxy. */
export type ProxyTrust = (address: string) => boolean;

/** Parses an address, unwrapping IPv4-mapped IPv6 (`::ffff:10.0.0.1`) so it compares as IPv4. */
function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const bare = address.trim().replace(/^\[(.*)\]$/, "$1");
  return ipaddr.isValid(bare) ? ipaddr.process(bare) : null;
}

/** Parses one trustedProxies entry; a bare IP is a /32 (or /128) range. Throws on a malformed entry. */
function parseRange(entry: string): Range {
  const text = entry.trim();
  if (text.includes("/")) return ipaddr.parseCIDR(text);
  const address = parseAddress(text);
  if (!address) throw new Error(`server.trustedProxies: "${entry}" is not an IP address or CIDR range`);
  return [address, address.kind() === "ipv4" ? 32 : 128];
}

/** True when every entry parses; the config check reports the bad one. */
export function invalidTrustedProxies(entries: readonly string[]): string[] {
  return entries.filter((entry) => {
    try {
      parseRange(entry);
      return false;
    } catch {
      return true;
    }
  });
}

/** Compiles `server.trustedProxies` once (per config snapshot); malformed entries are ignored, never trusted. */
export function compileProxyTrust(entries: readonly string[]): ProxyTrust {
  const ranges: Range[] = [];
  for (const entry of entries) {
    try {
      ranges.push(parseRange(entry));
    } catch {
      // reported by invalidTrustedProxies at config check; an unparsable entry trusts nobody
    }
  }
  if (ranges.length === 0) return () => false;
  return (address) => {
    const parsed = parseAddress(address);
    if (!parsed) return false;
    return ranges.some(([range, bits]) => parsed.kind() === range.kind() && parsed.match(range, bits));
  };
}

/**
 * The client IP: the direct peer, unless it is a trusted proxy, in which case `X-Forwarded-For` is
 * walked right to left (each hop appends) and the first address not itself a trusted proxy wins.
 * Returns "unknown" when the peer is unknown (in-process requests), so limits still apply per key.
 */
export function resolveClientIp(peer: string | null | undefined, forwardedFor: string | null | undefined, trust: ProxyTrust): string {
  const direct = peer ? (parseAddress(peer)?.toString() ?? peer) : null;
  if (!direct || !trust(direct) || !forwardedFor) return direct ?? "unknown";
  const hops = forwardedFor.split(",").map((hop) => hop.trim()).filter(Boolean);
  let client = direct;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = parseAddress(hops[i]!);
    if (!hop) break; // garbage in the chain: stop at the last address we can vouch for
    client = hop.toString();
    if (!trust(client)) break;
  }
  return client;
}

/** Whether the client reached us over HTTPS: the request itself, or `X-Forwarded-Proto` from a trusted proxy. */
export function isSecureRequest(url: string, peer: string | null | undefined, forwardedProto: string | null | undefined, trust: ProxyTrust): boolean {
  if (url.startsWith("https:")) return true;
  if (!peer || !forwardedProto || !trust(parseAddress(peer)?.toString() ?? peer)) return false;
  return forwardedProto.split(",")[0]!.trim().toLowerCase() === "https";
}
