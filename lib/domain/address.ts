// Which IP addresses a webhook may reach by default: public unicast only. Pure (no DNS, no I/O).
//
// Every spelling of one address must get one answer, so the address is parsed with ipaddr.js
// (not matched by regular expressions) and any IPv6 form that carries an IPv4 address is judged
// by that IPv4 address: IPv4-mapped `::ffff:a.b.c.d` (ipaddr.process unmaps it), SIIT
// `::ffff:0:a.b.c.d`, NAT64 `64:ff9b::a.b.c.d` and `64:ff9b:1::/48`, the deprecated IPv4-compatible
// `::a.b.c.d`, 6to4 `2002:AABB:CCDD::` and Teredo (the client address, bit-inverted). Only
// ipaddr.js's `unicast` range is public (IPv6: and only inside 2000::/3, the global unicast space).
import ipaddr from "ipaddr.js";

export interface AddressVerdict {
  /** True only for a public unicast address. */
  public: boolean;
  /** ipaddr.js's range name of the address judged (the embedded IPv4 one when there is one), or "invalid". */
  range: string;
  /** The IPv4 address an IPv6 spelling carries, when it carries one. */
  embedded?: string;
}

function ipv4From32(bits: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([(bits >>> 24) & 255, (bits >>> 16) & 255, (bits >>> 8) & 255, bits & 255]);
}

/** The IPv4 address embedded in an IPv6 one, or null. `parts` are the eight 16-bit groups. */
function embeddedIpv4(v6: ipaddr.IPv6): ipaddr.IPv4 | null {
  const p = v6.parts;
  const low32 = ((p[6]! << 16) | p[7]!) >>> 0;
  const range = v6.range();
  if (range === "ipv4Mapped" || range === "rfc6145" || range === "rfc6052") return ipv4From32(low32);
  // IPv4-compatible ::a.b.c.d (deprecated, RFC 4291 2.5.5.1): the first 96 bits are zero. `::` and `::1` are their own ranges.
  if (p.slice(0, 6).every((x) => x === 0) && range !== "unspecified" && range !== "loopback") return ipv4From32(low32);
  if (range === "6to4") return ipv4From32(((p[1]! << 16) | p[2]!) >>> 0);
  if (range === "teredo") return ipv4From32(~low32 >>> 0);
  return null;
}

function judgeV4(v4: ipaddr.IPv4, embeddedIn?: boolean): AddressVerdict {
  const range = v4.range();
  return { public: range === "unicast", range, ...(embeddedIn ? { embedded: v4.toString() } : {}) };
}

/** Classifies one IP address (a literal; a hostname is "invalid"). Zone ids (`fe80::1%eth0`) are accepted and ignored. */
export function classifyAddress(ip: string): AddressVerdict {
  const literal = ip.trim().replace(/^\[(.*)\]$/, "$1");
  // ipaddr.isValid accepts the legacy IPv4 forms too (0x7f.1, 2130706433, 0177.0.0.1): the same address as the URL parser means.
  if (!ipaddr.isValid(literal)) return { public: false, range: "invalid" };
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.process(literal); // unmaps ::ffff:a.b.c.d to a.b.c.d
  } catch {
    return { public: false, range: "invalid" };
  }
  if (addr.kind() === "ipv4") return judgeV4(addr as ipaddr.IPv4, literal.includes(":"));
  const v6 = addr as ipaddr.IPv6;
  const inner = embeddedIpv4(v6);
  if (inner) return judgeV4(inner, true);
  const range = v6.range();
  const globalUnicast = (v6.parts[0]! & 0xe000) === 0x2000; // 2000::/3
  return { public: range === "unicast" && globalUnicast, range: range === "unicast" && !globalUnicast ? "unassigned" : range };
}

export function isPublicAddress(ip: string): boolean {
  return classifyAddress(ip).public;
}

/** The host of a URL as the connection will use it: WHATWG-normalised (`http://0x7f.1/` → `127.0.0.1`), without IPv6 brackets. */
export function urlHost(url: string): string {
  return new URL(url).hostname.replace(/^\[(.*)\]$/, "$1");
}
