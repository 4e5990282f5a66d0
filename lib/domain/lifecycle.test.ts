import { describe, expect, it } from "vitest";
import { allowedTransitions, checkTransition, INCIDENT_STATUSES, impactStart, isActive, openForMs, primaryAction, RESOLUTION_CRITERIA, timestampsAfter, unconfirmedCriteria } from "./lifecycle";

describe("open for", () => {
  const now = "2026-12-02T03:00:00.000Z";
  it("counts from the impact's start when known, else from the declaration, to resolution or now", () => {
    expect(openForMs({ startedAt: "2026-12-02T02:00:00.000Z", declaredAt: "2026-12-02T02:30:00.000Z", resolvedAt: null }, now)).toBe(3_600_000);
    expect(openForMs({ startedAt: null, declaredAt: "2026-12-02T02:30:00.000Z", resolvedAt: null }, now)).toBe(1_800_000);
    expect(openForMs({ startedAt: null, declaredAt: "2026-12-02T02:30:00.000Z", resolvedAt: "2026-12-02T02:40:00.000Z" }, now)).toBe(600_000);
  });

  it("never shows a start in the future as an age, and is never negative", () => {
    expect(impactStart({ startedAt: "2026-12-02T05:00:00.000Z", declaredAt: "2026-12-02T02:30:00.000Z" }, now)).toBe(Date.parse("2026-12-02T02:30:00.000Z"));
    expect(openForMs({ startedAt: null, declaredAt: "2026-12-02T03:05:00.000Z", resolvedAt: null }, now)).toBe(0);
    expect(openForMs({ startedAt: new Date("2026-12-02T02:00:00.000Z"), declaredAt: new Date("2026-12-02T02:10:00.000Z"), resolvedAt: null }, new Date(now))).toBe(3_600_000);
  });
});

describe("the primary action", () => {
  it("is the next update while investigating, resolving once mitigated, the postmortem once resolved, none when closed", () => {
    expect(INCIDENT_STATUSES.map((s) => [s, primaryAction(s)])).toEqual([
      ["investigating", "post_update"],
      ["mitigated", "resolve"],
      ["resolved", "start_postmortem"],
      ["closed", null],
    ]);
  });
});

describe("checkTransition", () => {
  it.each([
    ["investigating", "mitigated"],
    ["investigating", "resolved"],
    ["mitigated", "resolved"],
    ["mitigated", "investigating"],
    ["resolved", "investigating"],
    ["resolved", "closed"],
    ["closed", "investigating"],
  ] as const)("allows %s → %s", (from, to) => {
    expect(checkTransition(from, to)).toEqual({ ok: true });
  });

  it.each([
    ["investigating", "closed"],
    ["mitigated", "closed"],
    ["closed", "resolved"],
    ["closed", "mitigated"],
  ] as const)("refuses %s → %s", (from, to) => {
    const result = checkTransition(from, to);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toBe("NOT_ALLOWED");
  });

  it("explains that closing needs resolution", () => {
    const result = checkTransition("investigating", "closed");
    expect(!result.ok && result.message).toMatch(/Resolve it first/);
  });

  it("refuses a transition to the same status", () => {
    for (const s of INCIDENT_STATUSES) expect(checkTransition(s, s)).toMatchObject({ ok: false, reason: "SAME_STATUS" });
  });

  it("lists allowed transitions consistently with checkTransition", () => {
    for (const from of INCIDENT_STATUSES)
      for (const to of INCIDENT_STATUSES) expect(allowedTransitions(from).includes(to)).toBe(checkTransition(from, to).ok);
  });
});

describe("timestampsAfter", () => {
  const t0 = new Date("2026-11-23T10:00:00Z");
  const t1 = new Date("2026-11-23T10:30:00Z");
  const none = { mitigatedAt: null, resolvedAt: null, closedAt: null };

  it("sets mitigatedAt when mitigated", () => {
    expect(timestampsAfter("mitigated", none, t0)).toEqual({ mitigatedAt: t0, resolvedAt: null, closedAt: null });
  });

  it("keeps an earlier mitigation time at resolution, and fills it when mitigation was skipped", () => {
    expect(timestampsAfter("resolved", { ...none, mitigatedAt: t0 }, t1)).toEqual({ mitigatedAt: t0, resolvedAt: t1, closedAt: null });
    expect(timestampsAfter("resolved", none, t1)).toEqual({ mitigatedAt: t1, resolvedAt: t1, closedAt: null });
  });

  it("clears later steps on reopen", () => {
    expect(timestampsAfter("investigating", { mitigatedAt: t0, resolvedAt: t0, closedAt: null }, t1)).toEqual(none);
  });

  it("keeps resolution when closing", () => {
    expect(timestampsAfter("closed", { mitigatedAt: t0, resolvedAt: t0, closedAt: null }, t1)).toEqual({ mitigatedAt: t0, resolvedAt: t0, closedAt: t1 });
  });

  it("answers only the three times when given a whole incident row (closing spread the row into the update)", () => {
    const row = { id: "x", title: "t", roles: [{ role: "commander" }], mitigatedAt: t0, resolvedAt: t0, closedAt: null };
    expect(Object.keys(timestampsAfter("closed", row, t1)).sort()).toEqual(["closedAt", "mitigatedAt", "resolvedAt"]);
    for (const to of INCIDENT_STATUSES) expect(Object.keys(timestampsAfter(to, row, t1)).sort()).toEqual(["closedAt", "mitigatedAt", "resolvedAt"]);
  });

  it("clears the close on reopening a closed incident", () => {
    expect(timestampsAfter("investigating", { mitigatedAt: t0, resolvedAt: t0, closedAt: t1 }, t1)).toEqual(none);
  });
});

describe("unconfirmedCriteria", () => {
  const all = Object.fromEntries(Object.keys(RESOLUTION_CRITERIA).map((k) => [k, true]));
  it("is empty only when every criterion is true", () => {
    expect(unconfirmedCriteria(all)).toEqual([]);
    expect(unconfirmedCriteria(undefined)).toEqual(Object.keys(RESOLUTION_CRITERIA));
    expect(unconfirmedCriteria({})).toEqual(Object.keys(RESOLUTION_CRITERIA));
    expect(unconfirmedCriteria({ ...all, metricsNormal: false })).toEqual(["metricsNormal"]);
    expect(unconfirmedCriteria({ ...all, noResidualIssue: undefined })).toEqual(["noResidualIssue"]);
  });
});

it("treats investigating and mitigated as active", () => {
  expect(INCIDENT_STATUSES.filter(isActive)).toEqual(["investigating", "mitigated"]);
});
