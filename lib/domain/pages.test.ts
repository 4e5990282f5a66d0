import { describe, expect, it } from "vitest";
import { channelCreateSchema, maskUrl, pageListQuerySchema } from "./pages";

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
