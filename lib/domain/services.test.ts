import { describe, expect, it } from "vitest";
import { hygieneFlags, runbookOf, selfDependencyError, serviceCreateSchema, servicePatchSchema } from "./services";

const now = new Date("2026-11-23T12:00:00Z");
const DAY = 86_400_000;
const fresh = new Date(now.getTime() - 10 * DAY);
const flags = (s: Parameters<typeof hygieneFlags>[0]) => hygieneFlags(s, now).map((f) => f.flag);

describe("hygiene flags", () => {
  it("wants an owner and a runbook for tier 1 only", () => {
    expect(flags({ tier: 1, hasOwner: false, links: [], lastReviewedAt: fresh })).toEqual(["no_owner", "no_runbook"]);
    expect(flags({ tier: 1, hasOwner: true, links: [{ label: "Runbook", url: "https://x/r" }], lastReviewedAt: fresh })).toEqual([]);
    expect(flags({ tier: 1, hasOwner: true, links: [{ label: "Docs", url: "https://wiki/runbooks/checkout" }], lastReviewedAt: fresh })).toEqual([]);
    expect(flags({ tier: 2, hasOwner: false, links: [], lastReviewedAt: fresh })).toEqual([]);
  });

  it("flags a review older than 90 days, or none at all, at the boundary", () => {
    const base = { tier: 3, hasOwner: true, links: [] };
    expect(flags({ ...base, lastReviewedAt: new Date(now.getTime() - 90 * DAY) })).toEqual([]);
    expect(flags({ ...base, lastReviewedAt: new Date(now.getTime() - 90 * DAY - 1) })).toEqual(["review_stale"]);
    expect(flags({ ...base, lastReviewedAt: null })).toEqual(["review_stale"]);
  });
});

describe("service input", () => {
  it("normalizes keys and team names, and refuses bad ones with the field", () => {
    expect(serviceCreateSchema.parse({ key: "svc-pay", name: "Pay", team: "Payments", tier: 1 })).toMatchObject({ key: "SVC-PAY", team: "payments" });
    const bad = serviceCreateSchema.safeParse({ key: "checkout", name: "", team: "x", tier: 4, links: [{ label: "x", url: "javascript:alert(1)" }] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join(".")).sort()).toEqual(["key", "links.0.url", "name", "tier"]);
  });
});

describe("service edits", () => {
  it("needs the version read and something to change", () => {
    expect(servicePatchSchema.safeParse({ tier: 1 }).error!.issues.map((i) => i.path.join("."))).toEqual(["version"]);
    expect(servicePatchSchema.safeParse({ version: 3 }).error!.issues.map((i) => i.path.join("."))).toEqual(["body"]);
    expect(servicePatchSchema.parse({ version: 3, dependsOn: ["svc-db"], escalationPolicy: null, reviewed: true })).toEqual({ version: 3, dependsOn: ["SVC-DB"], escalationPolicy: null, reviewed: true });
  });

  it("refuses reviewed: false and an owner of null: every service keeps one team", () => {
    expect(servicePatchSchema.safeParse({ version: 1, reviewed: false }).success).toBe(false);
    expect(servicePatchSchema.safeParse({ version: 1, team: null }).success).toBe(false);
  });

  it("finds a service depending on itself, any case", () => {
    expect(selfDependencyError("SVC-PAY", ["SVC-DB", "SVC-PAY"])).toMatch(/itself/);
    expect(selfDependencyError("svc-pay", ["SVC-PAY"])).toMatch(/SVC-PAY cannot depend on itself/);
    expect(selfDependencyError("SVC-PAY", ["SVC-DB"])).toBeNull();
  });

  it("picks the runbook among the links", () => {
    const links = [{ label: "Dashboard", url: "https://g/d" }, { label: "Playbook", url: "https://wiki/p" }, { label: "Runbook", url: "https://wiki/r" }];
    expect(runbookOf(links)).toEqual(links[1]);
    expect(runbookOf([{ label: "Dashboard", url: "https://g/d" }])).toBeNull();
  });
});
