import { describe, expect, it } from "vitest";
import { channelCreateSchema, isPrivateAddress, maskUrl, pageListQuerySchema } from "./pages";

describe("maskUrl", () => {
  it("keeps the host and the last four characters, never the secret path", () => {
    const masked = maskUrl("https://hooks.slack.com/services/T000/B000/XXXXSECRETabcd");
    expect(masked).toBe("https://hooks.slack.com/…abcd");
    expect(masked).not.toContain("SECRET");
  });
});

describe("schemas", () => {
  it("reads the page list query with defaults", () => {
    expect(pageListQuerySchema.parse({})).toEqual({ user: "me", limit: 50 });
    expect(pageListQuerySchema.parse({ open: "1", user: "all" })).toMatchObject({ open: true, user: "all" });
    expect(pageListQuerySchema.safeParse({ incident: "12" }).success).toBe(false);
  });
  it("accepts only http(s) webhook URLs", () => {
    expect(channelCreateSchema.safeParse({ name: "Slack", url: "https://hooks.slack.com/x" }).success).toBe(true);
    const bad = channelCreateSchema.safeParse({ name: "x", url: "javascript:alert(1)" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(["url"]);
  });
});

describe("isPrivateAddress", () => {
  it.each([
    ["127.0.0.1", true],
    ["10.1.2.3", true],
    ["172.16.0.1", true],
    ["172.31.255.255", true],
    ["172.32.0.1", false],
    ["192.168.1.1", true],
    ["169.254.169.254", true],
    ["100.64.0.1", true],
    ["0.0.0.0", true],
    ["224.0.0.1", true],
    ["8.8.8.8", false],
    ["34.120.1.2", false],
    ["::1", true],
    ["::", true],
    ["fd00::1", true],
    ["fe80::1", true],
    ["::ffff:127.0.0.1", true],
    ["::ffff:8.8.8.8", false],
    ["2606:4700::1111", false],
    ["not-an-ip", true],
  ])("%s → %s", (ip, expected) => expect(isPrivateAddress(ip)).toBe(expected));
});
