import { describe, expect, it } from "vitest";
import { DEFAULT_GENERIC_MAPPING, genericMappingOf, genericMappingSchema, normalizeGeneric, statusAction } from "./generic";

const newKey = () => "made-1";

describe("generic mapping", () => {
  it("defaults read { summary, dedup_key, status, severity, labels }", () => {
    const result = normalizeGeneric({ summary: "Queue stuck", dedup_key: "q-1", status: "firing", severity: "critical", labels: { env: "prod", shard: 3 } }, DEFAULT_GENERIC_MAPPING, newKey);
    expect(result).toEqual({
      ok: true,
      alerts: [expect.objectContaining({ source: "generic", identity: "q-1", action: "trigger", summary: "Queue stuck", severity: "critical", labels: { env: "prod", shard: "3" } })],
    });
  });

  it("a key's mapping reads nested fields, and items splits a body into several alerts", () => {
    const mapping = genericMappingSchema.parse({ items: "$.events[*]", summary: "$.check.title", dedupKey: "$.id", status: "$.state", severity: "$.level", labels: "$.tags" });
    const result = normalizeGeneric(
      { events: [{ id: 7, check: { title: "DNS slow" }, state: "OK", level: "P2", tags: { env: "prod" } }, { id: "x", check: { title: "Disk" }, state: "alerting", level: "low" }] },
      mapping,
      newKey,
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.alerts.map((a) => [a.identity, a.summary, a.action, a.severity, a.labels])).toEqual([
      ["7", "DNS slow", "resolve", "error", { env: "prod" }],
      ["x", "Disk", "trigger", "info", {}],
    ]);
  });

  it("missing fields never lose the alert: no dedup key is a new alert, no summary says where it looked", () => {
    const result = normalizeGeneric({ whatever: true }, DEFAULT_GENERIC_MAPPING, newKey);
    expect(result).toMatchObject({ ok: true, alerts: [{ identity: "made-1", summary: "Alert (nothing at $.summary)", action: "trigger", severity: "warning" }] });
  });

  it("refuses bodies it cannot read, naming where", () => {
    expect(normalizeGeneric("text", DEFAULT_GENERIC_MAPPING, newKey)).toMatchObject({ ok: false, field: "body" });
    const items = genericMappingSchema.parse({ items: "$.alerts[*]" });
    expect(normalizeGeneric({ alerts: [] }, items, newKey)).toMatchObject({ ok: false, field: "$.alerts[*]", reason: "no alerts at this path" });
    expect(normalizeGeneric({ alerts: ["a"] }, items, newKey)).toMatchObject({ ok: false, reason: "each alert is a JSON object" });
    expect(normalizeGeneric({ alerts: Array.from({ length: 1001 }, () => ({})) }, items, newKey)).toMatchObject({ ok: false, reason: /at most 1000/ });
  });

  it("paths start at $, and filters and scripts are refused when the mapping is saved", () => {
    expect(genericMappingSchema.safeParse({ summary: "title" }).success).toBe(false);
    const filter = genericMappingSchema.safeParse({ items: "$.alerts[?(@.on)]" });
    expect(filter.success).toBe(false);
    expect(filter.error!.issues[0]!.message).toMatch(/filters and scripts are off/);
    expect(genericMappingSchema.safeParse({ summary: "$..title", status: "$['state']" }).success).toBe(true);
    expect(genericMappingSchema.safeParse({ extra: "$.x" }).success).toBe(false);
    expect(genericMappingOf({ summary: "not a path" })).toEqual(DEFAULT_GENERIC_MAPPING);
  });

  it("status words", () => {
    expect(["resolved", "OK", "closed", false, "recovered"].map(statusAction)).toEqual(Array(5).fill("resolve"));
    expect(["ack", "Acknowledged"].map(statusAction)).toEqual(["acknowledge", "acknowledge"]);
    expect(["firing", "alerting", undefined, true, "triggered"].map(statusAction)).toEqual(Array(5).fill("trigger"));
  });
});
