import { describe, expect, it } from "vitest";
import type { IncidentView } from "../incident-view";
import type { TimelineEntry } from "../timeline";
import { buildPrefill, buildStandalonePrefill, entryLine } from "./prefill";
import { SECTION_KEYS } from "./sections";

const view: IncidentView = {
  ref: "INC-7",
  number: 7,
  title: "Checkout 502s in EU",
  summary: "Checkout failed for EU customers after a TLS config deploy.",
  severity: "SEV1",
  priority: "P1",
  status: "resolved",
  private: false,
  drill: false,
  version: 6,
  lastSeq: 9,
  links: [],
  services: [{ id: "s1", key: "SVC-CHECKOUT", name: "Checkout", tier: 1 }],
  recovery: {},
  intake: { blastRadius: "All EU checkouts", recentChanges: "edge TLS config v41" },
  startedAt: "2026-11-23T13:52:00.000Z",
  declaredAt: "2026-11-23T14:00:00.000Z",
  acknowledgedAt: "2026-11-23T14:03:00.000Z",
  mitigatedAt: "2026-11-23T14:40:00.000Z",
  resolvedAt: "2026-11-23T15:10:00.000Z",
  closedAt: null,
  nextUpdateDueAt: null,
  escalationStep: 0,
  mergedInto: null,
  handover: null,
  responders: [],
  roles: [
    { role: "commander", user: { handle: "ada", name: "Ada L" }, assignedAt: "2026-11-23T14:20:00.000Z", briefing: null, briefedBy: null, acknowledgedAt: null, taken: false },
    { role: "scribe", user: { handle: "bob", name: "Bob" }, assignedAt: "2026-11-23T14:05:00.000Z", briefing: null, briefedBy: null, acknowledgedAt: null, taken: false },
  ],
  workstreams: [
    { id: "w1", title: "Rollback", goal: "TLS config v40 on every edge", lead: { handle: "bob", name: "Bob" }, status: "done", scratchpad: "", threadUrl: null, blockedAt: null, version: 2, updatedAt: "2026-11-23T14:40:00.000Z" },
  ],
  board: [],
  decisions: [],
  latestUpdate: null,
  latestUpdateByAudience: {},
  updateLog: [],
  pinned: [],
  alerts: null,
};

function entry(seq: number, minute: number, kind: string, data: Record<string, unknown>, extra: Partial<TimelineEntry> = {}): TimelineEntry {
  const at = new Date(Date.UTC(2026, 10, 23, 14, minute)).toISOString();
  return { id: `e${seq}`, seq, kind, at, pinned: false, actorKind: "human", author: { handle: "ada", name: "Ada L" }, data, ...extra } as TimelineEntry;
}

const entries: TimelineEntry[] = [
  entry(1, 0, "declared", { title: "Checkout 502s in EU", severity: "SEV2", priority: "P2" }),
  entry(2, 1, "alert", { via: ["Alertmanager"], firing: 1, resolved: 0, acknowledged: 0, alerts: [{ summary: "HighErrorRate checkout-eu", severity: "critical", status: "firing" }] }, { actorKind: "automation", author: { handle: "alertbot", name: "Alert bot" } }),
  entry(3, 5, "note", { body: "looking at dashboards" }),
  entry(4, 10, "severity_changed", { from: "SEV2", to: "SEV1", reason: "All EU checkouts failing" }),
  entry(5, 15, "update", { updateId: "u1", condition: "EU checkout 502s", action: "Rolling back TLS config", need: "", audience: "internal", nextUpdateDueAt: null }),
  entry(6, 20, "role_assigned", { role: "commander", user: "ada", previous: "carol" }),
  entry(7, 25, "decision", { decisionId: "d1", decision: "Roll back edge TLS config to v40", rationale: "errors began with v41" }),
  entry(8, 40, "status_changed", { from: "investigating", to: "mitigated", reason: "Rollback done, errors gone" }),
  entry(9, 70, "status_changed", { from: "mitigated", to: "resolved", reason: "Metrics normal for 30 minutes" }),
];

describe("buildPrefill", () => {
  // Shuffled on purpose: the builder orders by seq.
  const body = buildPrefill(view, [...entries].reverse());

  it("summary adds the last CAN condition; open work at resolution becomes open questions", () => {
    const carried = buildPrefill(
      {
        ...view,
        latestUpdate: { id: "u2", seq: 9, condition: "Resolved for all EU customers", action: "x", need: "", audience: "internal", nextUpdateDueAt: null, eta: null, author: null, actorKind: "human", at: view.resolvedAt! },
        workstreams: [...view.workstreams, { ...view.workstreams[0]!, id: "w2", title: "Cert rotation", status: "blocked", lead: null }],
        board: [
          { id: "b1", kind: "hypothesis", text: "CDN cache kept v41", disproveBy: null, state: "open", owner: null, evidence: null, version: 1, updatedAt: view.resolvedAt! },
          { id: "b2", kind: "blocker", text: "No access to edge logs", disproveBy: null, state: "resolved", owner: null, evidence: null, version: 2, updatedAt: view.resolvedAt! },
          { id: "b3", kind: "fact", text: "v41 shipped 13:50", disproveBy: null, state: "open", owner: null, evidence: null, version: 1, updatedAt: view.resolvedAt! },
        ],
      },
      entries,
    );
    expect(carried.summary).toContain("Last update: Resolved for all EU customers");
    expect(carried.resolution).toContain("**Open questions carried over at resolution**");
    expect(carried.resolution).toContain("- Workstream blocked: Cert rotation");
    expect(carried.resolution).toContain("- Hypothesis: CDN cache kept v41");
    expect(carried.resolution).not.toContain("edge logs");
    expect(carried.resolution).not.toContain("v41 shipped");
    expect(carried.resolution).not.toContain("Rollback");
    expect(body.resolution).not.toContain("Open questions");
  });

  it("returns a body for every section", () => {
    expect(Object.keys(body).sort()).toEqual([...SECTION_KEYS].sort());
  });

  it("summary carries the ref, title and the incident's summary", () => {
    expect(body.summary).toContain("INC-7: Checkout 502s in EU");
    expect(body.summary).toContain("after a TLS config deploy");
  });

  it("impact has severity with its meaning, services, blast radius, severity history and durations", () => {
    expect(body.impact).toContain("Severity: **SEV1**");
    expect(body.impact).toContain("Checkout (SVC-CHECKOUT)");
    expect(body.impact).toContain("Blast radius: All EU checkouts");
    expect(body.impact).toContain("- Declared at SEV2");
    expect(body.impact).toContain("2026-11-23 14:10 UTC: SEV2 → SEV1 — All EU checkouts failing");
    expect(body.impact).toContain("- Impact start → detected: 8m");
    expect(body.impact).toContain("- Detected → acknowledged: 3m");
    expect(body.impact).toContain("- Detected → mitigated: 40m");
    expect(body.impact).toContain("- Detected → resolved: 1h 10m");
  });

  it("the key timeline keeps updates, decisions, status and severity changes in order with UTC times, and leaves notes out", () => {
    const lines = body.timeline!.split("\n").filter((l) => l.startsWith("- **"));
    expect(lines.map((l) => l.slice(4, 24))).toEqual([
      "2026-11-23 14:00 UTC",
      "2026-11-23 14:10 UTC",
      "2026-11-23 14:15 UTC",
      "2026-11-23 14:25 UTC",
      "2026-11-23 14:40 UTC",
      "2026-11-23 15:10 UTC",
    ]);
    expect(body.timeline).toContain("Decision: Roll back edge TLS config to v40 — because errors began with v41 (@ada)");
    expect(body.timeline).toContain("Status: mitigated → resolved: Metrics normal for 30 minutes");
    expect(body.timeline).not.toContain("looking at dashboards");
  });

  it("a pinned note makes the key timeline", () => {
    const pinned = buildPrefill(view, entries.map((e) => (e.seq === 3 ? { ...e, pinned: true } : e)));
    expect(pinned.timeline).toContain("Note: looking at dashboards");
  });

  it("lists roles, command handovers and workstreams", () => {
    expect(body.timeline).toContain("- Incident commander: @ada (Ada L) since 2026-11-23 14:20 UTC");
    expect(body.timeline).toContain("- Scribe: @bob (Bob)");
    expect(body.timeline).toContain("@carol handed command to @ada");
    expect(body.timeline).toContain("- Rollback — TLS config v40 on every edge (done, led by @bob)");
  });

  it("says how command moved by acceptance or was taken, and how the promised updates were kept", () => {
    const moved = buildPrefill(
      {
        ...view,
        updateLog: [
          { at: "2026-11-23T14:15:00.000Z", nextUpdateDueAt: "2026-11-23T14:30:00.000Z" },
          { at: "2026-11-23T14:36:00.000Z", nextUpdateDueAt: "2026-11-23T14:51:00.000Z" },
          { at: "2026-11-23T14:50:00.000Z", nextUpdateDueAt: "2026-11-23T15:05:00.000Z" },
        ],
      },
      [
        ...entries,
        entry(10, 30, "handover_accepted", { handoverId: "h1", user: "bob", userName: "Bob", previous: "ada", previousName: "Ada L", briefing: { state: "x" } }),
        entry(11, 45, "command_taken", { user: "ada", userName: "Ada L", previous: "bob", reason: "absent" }),
      ],
    );
    expect(moved.timeline).toContain("- 2026-11-23 14:30 UTC: @ada handed command to @bob, who accepted");
    expect(moved.timeline).toContain("- 2026-11-23 14:45 UTC: @ada took command from @bob without acceptance (the commander was silent)");
    // Resolved at 15:10, after the last promise's 15:05: missed.
    expect(moved.timeline).toContain(
      [
        "**Updates promised and kept**",
        "",
        "Updates on time: 1 of 3.",
        "",
        "- Update of 2026-11-23 14:15 UTC promised the next by 2026-11-23 14:30 UTC: late by 6 min (next update 2026-11-23 14:36 UTC)",
        "- Update of 2026-11-23 14:36 UTC promised the next by 2026-11-23 14:51 UTC: on time (next update 2026-11-23 14:50 UTC)",
        "- Update of 2026-11-23 14:50 UTC promised the next by 2026-11-23 15:05 UTC: never kept before resolution",
      ].join("\n"),
    );
    expect(body.timeline).not.toContain("Updates promised");
  });

  it("lists what was ruled out with what was checked, by whom and the link", () => {
    const withRuledOut = buildPrefill(
      {
        ...view,
        board: [
          { id: "b1", kind: "hypothesis", text: "The CDN cached v41", disproveBy: "Cache headers", state: "ruled_out", owner: null, evidence: { checked: "Purged and compared headers", by: { handle: "bob", name: "Bob" }, link: "https://grafana.example/d/cdn", at: "2026-11-23T14:30:00.000Z" }, version: 2, updatedAt: "2026-11-23T14:30:00.000Z" },
          { id: "b2", kind: "hypothesis", text: "DNS", disproveBy: null, state: "open", owner: null, evidence: null, version: 1, updatedAt: "2026-11-23T14:30:00.000Z" },
        ],
      },
      entries,
    );
    expect(withRuledOut.contributing_factors).toContain(
      "Ruled out during the incident, with what was checked (so nobody checks them twice):\n\n- The CDN cached v41 — checked: Purged and compared headers (@bob, 2026-11-23 14:30 UTC, https://grafana.example/d/cdn)",
    );
    expect(withRuledOut.contributing_factors).not.toContain("DNS");
  });

  it("detection, mitigation and resolution start from the recorded facts", () => {
    expect(body.detection).toContain("First alert: 2026-11-23 14:01 UTC — HighErrorRate checkout-eu — 1 firing");
    expect(body.mitigation).toContain("Mitigated: 2026-11-23 14:40 UTC");
    expect(body.mitigation).toContain("Decision: Roll back edge TLS config to v40");
    expect(body.resolution).toContain("Metrics normal for 30 minutes");
    expect(body.contributing_factors).toContain("edge TLS config v41");
    expect(body.lessons_learned).toMatch(/What went well[\s\S]*What went wrong[\s\S]*Where we got lucky/);
  });

  it("the automation section lists exactly the entries made by automation actors", () => {
    expect(body.automation).toContain("Alert: HighErrorRate checkout-eu — 1 firing (@alertbot, automation)");
    expect(body.automation).not.toContain("Roll back edge TLS config");
    const none = buildPrefill(view, entries.filter((e) => e.actorKind !== "automation"));
    expect(none.automation).toContain("No automated system or AI agent wrote");
  });

  it("an incident detected when it started has no start → detect line, and an unacknowledged one says so", () => {
    const plain = buildPrefill({ ...view, startedAt: null, acknowledgedAt: null }, entries);
    expect(plain.impact).not.toContain("Impact start");
    expect(plain.impact).toContain("- Detected → acknowledged: —");
  });
});

describe("entryLine", () => {
  it("is one Markdown list item with the UTC time, kind and author, newlines collapsed", () => {
    expect(entryLine(entry(3, 5, "note", { body: "two\nlines" }))).toBe("- **2026-11-23 14:05 UTC** — Note: two lines (@ada)");
  });
});

describe("reviews without an incident", () => {
  it("pre-fills a near miss and a positive retro with the questions each asks, for every section", () => {
    const near = buildStandalonePrefill("near_miss", "Disk almost full on db-1");
    expect(Object.keys(near)).toEqual(SECTION_KEYS);
    expect(near.summary).toMatch(/^\*\*Near miss: Disk almost full on db-1\*\*/);
    expect(near.lessons_learned).toContain("### What caught it");
    expect(near.impact).toContain("Actual impact: none");
    const save = buildStandalonePrefill("positive_retro", "Failover in 40 s");
    expect(save.summary).toMatch(/^\*\*Positive retro: Failover in 40 s\*\*/);
    expect(save.lessons_learned).toContain("### How to make it the default");
    expect(save.detection).toBe("");
  });

});
