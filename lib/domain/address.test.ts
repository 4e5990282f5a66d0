import { describe, expect, it } from "vitest";
import { classifyAddress, isPublicAddress, urlHost } from "./address";

describe("classifyAddress", () => {
  it.each([
    // IPv4
    ["8.8.8.8", true, "unicast"],
    ["34.120.1.2", true, "unicast"],
    ["127.0.0.1", false, "loopback"],
    ["127.255.255.254", false, "loopback"],
    ["10.1.2.3", false, "private"],
    ["172.16.0.1", false, "private"],
    ["172.31.255.255", false, "private"],
    ["172.32.0.1", true, "unicast"],
    ["192.168.1.1", false, "private"],
    ["169.254.169.254", false, "linkLocal"],
    ["100.64.0.1", false, "carrierGradeNat"],
    ["0.0.0.0", false, "unspecified"],
    ["0.1.2.3", false, "unspecified"],
    ["224.0.0.1", false, "multicast"],
    ["255.255.255.255", false, "broadcast"],
    ["240.0.0.1", false, "reserved"],
    ["192.0.2.1", false, "reserved"],
    ["198.18.0.1", false, "reserved"],
    // Legacy IPv4 spellings (in case one reaches the check without the URL parser)
    ["2130706433", false, "loopback"],
    ["0x7f000001", false, "loopback"],
    ["0177.0.0.1", false, "loopback"],
    // IPv6
    ["2606:4700::1111", true, "unicast"],
    ["::1", false, "loopback"],
    ["::", false, "unspecified"],
    ["fd00::1", false, "uniqueLocal"],
    ["fc00::1", false, "uniqueLocal"],
    ["fe80::1", false, "linkLocal"],
    ["fe80::1%eth0", false, "linkLocal"],
    ["fec0::1", false, "deprecatedSiteLocal"],
    ["ff02::1", false, "multicast"],
    ["100::1", false, "discard"],
    ["2001:db8::1", false, "reserved"],
    ["4000::1", false, "unassigned"],
    // IPv6 spellings of IPv4 addresses: judged by the IPv4 inside
    ["::ffff:127.0.0.1", false, "loopback"],
    ["::ffff:7f00:1", false, "loopback"],
    ["[::ffff:7f00:1]", false, "loopback"],
    ["::ffff:10.0.0.1", false, "private"],
    ["::ffff:a9fe:a9fe", false, "linkLocal"],
    ["::ffff:8.8.8.8", true, "unicast"],
    ["::ffff:0:7f00:1", false, "loopback"], // SIIT (RFC 6145)
    ["64:ff9b::7f00:1", false, "loopback"], // NAT64 (RFC 6052)
    ["64:ff9b::127.0.0.1", false, "loopback"],
    ["64:ff9b::a9fe:a9fe", false, "linkLocal"],
    ["64:ff9b::808:808", true, "unicast"],
    ["64:ff9b:1::7f00:1", false, "loopback"], // local-use NAT64 (RFC 8215)
    ["::127.0.0.1", false, "loopback"], // IPv4-compatible (deprecated)
    ["::7f00:1", false, "loopback"],
    ["::a00:1", false, "private"],
    ["::808:808", true, "unicast"],
    ["2002:7f00:1::1", false, "loopback"], // 6to4 around 127.0.0.1
    ["2002:c0a8:101::1", false, "private"], // 6to4 around 192.168.1.1
    ["2002:808:808::1", true, "unicast"],
    ["2001:0:4136:e378:8000:63bf:80ff:fffe", false, "loopback"], // Teredo, client 127.0.0.1 inverted
    // Not an address
    ["localhost", false, "invalid"],
    ["not-an-ip", false, "invalid"],
    ["", false, "invalid"],
  ])("%s → public %s (%s)", (ip, expected, range) => {
    expect(classifyAddress(ip)).toMatchObject({ public: expected, range });
  });
});

describe("what a webhook URL's host becomes before the check", () => {
  it.each([
    ["https://2130706433/", "127.0.0.1"],
    ["https://0x7f.1/", "127.0.0.1"],
    ["https://127.1/", "127.0.0.1"],
    ["https://0177.0.0.1/", "127.0.0.1"],
    ["https://0x7f000001/", "127.0.0.1"],
    ["https://017700000001/", "127.0.0.1"],
    ["https://[::ffff:127.0.0.1]/", "::ffff:7f00:1"],
    ["https://[::ffff:7f00:1]/", "::ffff:7f00:1"],
    ["https://[64:ff9b::7f00:1]/", "64:ff9b::7f00:1"],
    ["https://[::127.0.0.1]/", "::7f00:1"],
    ["https://[0:0:0:0:0:0:0:1]:8443/hook", "::1"],
    ["https://[fe80::1]/", "fe80::1"],
  ])("%s → %s, refused", (url, host) => {
    expect(urlHost(url)).toBe(host);
    expect(isPublicAddress(urlHost(url))).toBe(false);
  });

  it("keeps a public address public in any spelling", () => {
    for (const url of ["https://8.8.8.8/", "https://134744072/", "https://0x8.0x8.0x8.0x8/", "https://[::ffff:808:808]/", "https://[64:ff9b::8.8.8.8]/"]) {
      expect(isPublicAddress(urlHost(url)), url).toBe(true);
    }
  });
});
