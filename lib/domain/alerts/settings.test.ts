import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { alertSettingsInputSchema, ruleFlags, rulesToStore, type StoredRule } from "./settings";
import { explainRoutes, readPayload } from "./tester";
import { DEFAULT_GENERIC_MAPPING } from "./generic";

const fixtureText = (name: string) => readFileSync(path.join(__dirname, "fixtures", name), "utf8");
const now = new Date("2026-12-02T12:00:00Z");
let n = 0;
const newId = () => `r${++n}`;

describe("alert settings as an admin writes them", () => {
  it("matchers are written as Alertmanager writes them; a bad one names its place", () => {
    const ok = alertSettingsInputSchema.parse({ version: 1, rules: [{ action: "open", matchers: ["env=prod", 'team != "db"'], incidentSeverity: "SEV1" }] });
    expect(ok.rules[0]!.matchers).toEqual([
      { label: "env", op: "=", value: "prod" },
      { label: "team", op: "!=", value: "db" },
    ]);
    const bad = alertSettingsInputSchema.safeParse({ version: 1, rules: [{ action: "open" }, { action: "open", matchers: ["env~prod"] }] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(["rules", 1, "matchers", 0]);
    expect(alertSettingsInputSchema.safeParse({ version: 1, rules: [{ action: "escalate" }] }).success).toBe(false);
    expect(alertSettingsInputSchema.safeParse({ version: 1, rules: [{ action: "open", holdSeconds: 901 }] }).success).toBe(false);
    expect(alertSettingsInputSchema.safeParse({ rules: [] }).success).toBe(false);
  });

  it("ids and review dates survive an unchanged rule; a new, changed or re-reviewed one is reviewed now", () => {
    const before: StoredRule[] = [
      { id: "keep", action: "open", matchers: [{ label: "env", op: "=", value: "prod" }], ownerId: "u1", reviewedAt: "2026-06-01T00:00:00.000Z" },
      { id: "edit", action: "record", ownerId: null, reviewedAt: "2026-06-01T00:00:00.000Z" },
      { id: "mark", action: "drop", ownerId: "u1", reviewedAt: "2026-06-01T00:00:00.000Z" },
    ];
    const input = alertSettingsInputSchema.parse({
      version: 3,
      rules: [
        { id: "keep", action: "open", matchers: ["env=prod"], owner: "@ana" },
        { id: "edit", action: "page" },
        { id: "mark", action: "drop", owner: "ana", reviewed: true },
        { action: "record", severities: ["info", "info"], owner: "nobody-known" },
      ],
    }).rules;
    const stored = rulesToStore(before, input, new Map([["ana", "u1"]]), now, newId);
    expect(stored.map((r) => [r.id, r.reviewedAt, r.ownerId])).toEqual([
      ["keep", "2026-06-01T00:00:00.000Z", "u1"],
      ["edit", now.toISOString(), null],
      ["mark", now.toISOString(), "u1"],
      [expect.stringMatching(/^r\d+$/), now.toISOString(), null],
    ]);
    expect(stored[3]!.severities).toEqual(["info"]);
  });

  it("a rule with no owner, or not reviewed for 90 days, is flagged", () => {
    expect(ruleFlags({ ownerId: "u1", reviewedAt: "2026-11-01T00:00:00Z" }, now)).toEqual([]);
    expect(ruleFlags({ ownerId: null, reviewedAt: "2026-11-01T00:00:00Z" }, now).map((f) => f.flag)).toEqual(["no_owner"]);
    expect(ruleFlags({ ownerId: "u1", reviewedAt: "2026-09-02T11:59:00Z" }, now).map((f) => f.flag)).toEqual(["review_stale"]);
    expect(ruleFlags({ ownerId: "u1", reviewedAt: "2026-09-03T12:00:00Z" }, now)).toEqual([]);
    expect(ruleFlags({ ownerId: "u1" }, now).map((f) => f.flag)).toEqual(["review_stale"]);
  });
});

describe("the rule tester", () => {
  it("shows, per alert of a pasted payload, the rule that takes it or the default", () => {
    const read = readPayload("alertmanager", JSON.parse(fixtureText("alertmanager-v4-group.json")), DEFAULT_GENERIC_MAPPING, newId);
    if (!read.ok) throw new Error(JSON.stringify(read.fields));
    const rules = rulesToStore([], alertSettingsInputSchema.parse({ version: 1, rules: [{ name: "Staging is quiet", matchers: ["env=staging"], action: "drop" }] }).rules, new Map(), now, newId);
    const rows = explainRoutes(rules, [...read.alerts, { ...read.alerts[0]!, labels: { ...read.alerts[0]!.labels, env: "staging" } }]);
    expect(rows.at(-1)).toMatchObject({ rule: { position: 1, name: "Staging is quiet" }, route: "drop" });
    expect(rows[0]!.rule).toBeNull();
  });

  it("names the payload's fields a sender's route would refuse", () => {
    expect(readPayload("events_v2", { event_action: "trigger" }, DEFAULT_GENERIC_MAPPING, newId)).toMatchObject({ ok: false });
    const bad = readPayload("opsgenie", { priority: "P1" }, DEFAULT_GENERIC_MAPPING, newId);
    expect(bad.ok ? null : Object.keys(bad.fields)).toEqual(["payload.message"]);
  });
});
