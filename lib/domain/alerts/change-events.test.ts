import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { changeEventSchema, readChangeEvent } from "./change-events";
import { eventsV2Errors } from "./normalize";

const fixture = JSON.parse(readFileSync(path.join(__dirname, "fixtures", "events-v2-change.json"), "utf8")) as unknown;
const now = new Date("2026-12-01T00:00:00Z");
const read = (body: unknown) => {
  const parsed = changeEventSchema.safeParse(body);
  if (!parsed.success) return { refused: eventsV2Errors(parsed.error) };
  return readChangeEvent(parsed.data, now);
};

describe("PagerDuty change events", () => {
  it("reads a build pipeline's event: its time (+0000), the revision as version, the first link; kind other when unnamed", () => {
    expect(read(fixture)).toEqual({
      ok: true,
      change: {
        kind: "other",
        summary: "Build passed: raise the checkout pool to 40 connections",
        at: new Date("2026-11-30T21:14:07.482Z"),
        link: "https://ci.example.test/checkout/builds/418",
        version: "9f3c2e1",
      },
    });
  });

  it("takes the kind and version the details name, and is dated now without a timestamp", () => {
    const body = { routing_key: "k", payload: { summary: "Flip", custom_details: { kind: "Flag", version: 12 } } };
    expect(read(body)).toMatchObject({ ok: true, change: { kind: "flag", version: "12", at: now, link: null } });
    expect(read({ ...body, payload: { summary: "x", custom_details: { kind: "rollback" } } })).toMatchObject({ change: { kind: "other" } });
  });

  it("leaves out what the changes API would refuse (a non-http link, a version over 100) instead of losing the change", () => {
    const body = {
      routing_key: "k",
      payload: { summary: "x", custom_details: { version: "v".repeat(101), revision: "abc" } },
      links: [{ href: "javascript:alert(1)" }, { href: `https://e.test/${"a".repeat(2000)}` }, { href: "https://e.test/ok" }],
    };
    expect(read(body)).toMatchObject({ ok: true, change: { link: "https://e.test/ok", version: "abc" } });
  });

  it("refuses what PagerDuty refuses, naming the field: no summary, a summary over 1024, a bad time; and a time far ahead", () => {
    expect(read({ routing_key: "k" })).toEqual({ refused: ["payload is required"] });
    expect(read({ routing_key: "k", payload: {} })).toEqual({ refused: ["payload.summary is required"] });
    expect(read({ routing_key: "k", payload: { summary: "x".repeat(1025) } })).toEqual({ refused: ["payload.summary is at most 1024 characters"] });
    expect(read({ routing_key: "k", payload: { summary: "x", timestamp: "yesterday" } })).toEqual({ refused: ["payload.timestamp: Must be an RFC 3339 date and time"] });
    expect(read({ routing_key: "k", payload: { summary: "x", timestamp: "2026-12-01T00:06:00Z" } })).toEqual({ ok: false, error: "payload.timestamp: must not be more than 5 minutes in the future" });
    expect(read({ routing_key: "k", payload: { summary: "x", timestamp: "2026-12-01T00:04:00Z" } })).toMatchObject({ ok: true });
  });
});
