import { describe, expect, it } from "vitest";
import type { IncidentView } from "./incident-view";
import type { TimelineEntry } from "./timeline";
import {
  afterSectionEdit,
  buildPrefill,
  checkActionItemStatus,
  checkPostmortemTransition,
  DEFAULT_SECTIONS,
  dueInstant,
  entryLine,
  exportMarkdown,
  isOverdue,
  lintBlame,
  missingPreventItem,
  SECTION_KEYS,
  actionItemPatchSchema,
  actionItemCreateSchema,
  buildStandalonePrefill,
  diffLines,
  MAX_DIFF_LINES,
  reviewNudges,
  sortMyActionItems,
  standalonePostmortemCreateSchema,
  upsertComment,
  postmortemApiPath,
  postmortemPagePath,
  type CommentDto,
} from "./postmortem";

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
  roles: [
    { role: "commander", user: { handle: "ada", name: "Ada L" }, assignedAt: "2026-11-23T14:20:00.000Z", briefing: null, briefedBy: null, acknowledgedAt: null },
    { role: "scribe", user: { handle: "bob", name: "Bob" }, assignedAt: "2026-11-23T14:05:00.000Z", briefing: null, briefedBy: null, acknowledgedAt: null },
  ],
  workstreams: [
    { id: "w1", title: "Rollback", goal: "TLS config v40 on every edge", lead: { handle: "bob", name: "Bob" }, status: "done", scratchpad: "", threadUrl: null, blockedAt: null, version: 2, updatedAt: "2026-11-23T14:40:00.000Z" },
  ],
  board: [],
  decisions: [],
  latestUpdate: null,
  latestUpdateByAudience: {},
  pinned: [],
};

function entry(seq: number, minute: number, kind: string, data: Record<string, unknown>, extra: Partial<TimelineEntry> = {}): TimelineEntry {
  const at = new Date(Date.UTC(2026, 10, 23, 14, minute)).toISOString();
  return { id: `e${seq}`, seq, kind, at, pinned: false, actorKind: "human", author: { handle: "ada", name: "Ada L" }, data, ...extra } as TimelineEntry;
}

const entries: TimelineEntry[] = [
  entry(1, 0, "declared", { title: "Checkout 502s in EU", severity: "SEV2", priority: "P2" }),
  entry(2, 1, "alert", { summary: "HighErrorRate checkout-eu firing" }, { actorKind: "automation", author: { handle: "alertbot", name: "Alert bot" } }),
  entry(3, 5, "note", { body: "looking at dashboards" }),
  entry(4, 10, "severity_changed", { from: "SEV2", to: "SEV1", reason: "All EU checkouts failing" }),
  entry(5, 15, "update", { updateId: "u1", condition: "EU checkout 502s", action: "Rolling back TLS config", need: "", audience: "internal", nextUpdateDueAt: null }),
  entry(6, 20, "role_assigned", { role: "commander", user: "ada", previous: "carol" }),
  entry(7, 25, "decision", { decisionId: "d1", decision: "Roll back edge TLS config to v40", rationale: "errors began with v41" }),
  entry(8, 40, "status_changed", { from: "investigating", to: "mitigated", reason: "Rollback done, errors gone" }),
  entry(9, 70, "status_changed", { from: "mitigated", to: "resolved", reason: "Metrics normal for 30 minutes" }),
];

describe("the default template", () => {
  it("has every section PRACTICES.md asks for, plus automation and AI involvement, each key once", () => {
    expect(SECTION_KEYS).toEqual([
      "summary",
      "impact",
      "timeline",
      "contributing_factors",
      "detection",
      "mitigation",
      "resolution",
      "lessons_learned",
      "action_items",
      "preventive_measures",
      "automation",
    ]);
    expect(new Set(DEFAULT_SECTIONS.map((s) => s.title)).size).toBe(DEFAULT_SECTIONS.length);
    expect(DEFAULT_SECTIONS.find((s) => s.key === "automation")?.title).toBe("Automation and AI involvement");
  });
});

describe("buildPrefill", () => {
  // Shuffled on purpose: the builder orders by seq.
  const body = buildPrefill(view, [...entries].reverse());

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

  it("detection, mitigation and resolution start from the recorded facts", () => {
    expect(body.detection).toContain("First alert: 2026-11-23 14:01 UTC — HighErrorRate checkout-eu firing");
    expect(body.mitigation).toContain("Mitigated: 2026-11-23 14:40 UTC");
    expect(body.mitigation).toContain("Decision: Roll back edge TLS config to v40");
    expect(body.resolution).toContain("Metrics normal for 30 minutes");
    expect(body.contributing_factors).toContain("edge TLS config v41");
    expect(body.lessons_learned).toMatch(/What went well[\s\S]*What went wrong[\s\S]*Where we got lucky/);
  });

  it("the automation section lists exactly the entries made by automation actors", () => {
    expect(body.automation).toContain("Alert: HighErrorRate checkout-eu firing (@alertbot, automation)");
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

describe("review workflow", () => {
  it("goes draft → in review → published, and back to draft from review", () => {
    expect(checkPostmortemTransition({ status: "draft", revision: 1 }, "in_review")).toEqual({ ok: true, status: "in_review", revision: 1, publishedAt: "keep" });
    expect(checkPostmortemTransition({ status: "in_review", revision: 1 }, "published")).toEqual({ ok: true, status: "published", revision: 1, publishedAt: "set" });
    expect(checkPostmortemTransition({ status: "in_review", revision: 1 }, "draft")).toMatchObject({ ok: true, status: "draft", revision: 1 });
  });

  it("refuses to publish without review and to repeat a status", () => {
    expect(checkPostmortemTransition({ status: "draft", revision: 1 }, "published")).toMatchObject({ ok: false, message: expect.stringContaining("review first") });
    expect(checkPostmortemTransition({ status: "draft", revision: 1 }, "draft")).toMatchObject({ ok: false });
    expect(checkPostmortemTransition({ status: "published", revision: 1 }, "in_review")).toMatchObject({ ok: false });
  });

  it("reopening a published postmortem, or editing a section of it, starts the next revision as a draft", () => {
    expect(checkPostmortemTransition({ status: "published", revision: 2 }, "draft")).toMatchObject({ ok: true, status: "draft", revision: 3 });
    expect(afterSectionEdit({ status: "published", revision: 2 })).toEqual({ status: "draft", revision: 3 });
    expect(afterSectionEdit({ status: "in_review", revision: 2 })).toEqual({ status: "in_review", revision: 2 });
    expect(afterSectionEdit({ status: "draft", revision: 1 })).toEqual({ status: "draft", revision: 1 });
  });
});

describe("lintBlame", () => {
  it("flags a sentence that blames a person by handle, with a suggestion", () => {
    const hints = lintBlame("The cache expired. @jtsimmons forgot to renew the certificate.");
    expect(hints).toHaveLength(1);
    expect(hints[0]).toMatchObject({ match: "@jtsimmons forgot", index: 19 });
    expect(hints[0]!.suggestion).toMatch(/system/);
  });

  it("flags possessive blame, 'because of @x' and 'human error'", () => {
    expect(lintBlame("It was Bob's mistake.").map((h) => h.match)).toEqual(["Bob's mistake"]);
    expect(lintBlame("Outage due to @mpatel pushing config").map((h) => h.match)).toEqual(["due to @mpatel"]);
    expect(lintBlame("Root cause: human error.").map((h) => h.match)).toEqual(["human error"]);
    expect(lintBlame("@lchen had simply missed the alert").map((h) => h.match)).toEqual(["@lchen had simply missed"]);
  });

  it("leaves blameless writing alone", () => {
    expect(lintBlame("The deploy pipeline allowed a config without a TLS chain; @jtsimmons rolled it back at 14:25.")).toEqual([]);
    expect(lintBlame("The alert fired but was routed to a muted channel.")).toEqual([]);
    expect(lintBlame("")).toEqual([]);
  });

  it("reports overlapping matches once, in text order", () => {
    const hints = lintBlame("Human error: @a broke prod because of @a.");
    expect(hints.map((h) => h.match)).toEqual(["Human error", "@a broke", "because of @a"]);
  });
});

describe("action items", () => {
  it("won't do needs a reason; verified only after done", () => {
    expect(checkActionItemStatus("open", "wont_do", "")).toMatchObject({ ok: false, field: "reason" });
    expect(checkActionItemStatus("open", "wont_do", "Service is being retired")).toEqual({ ok: true });
    expect(checkActionItemStatus("open", "verified", null)).toMatchObject({ ok: false, field: "status", message: expect.stringContaining("done first") });
    expect(checkActionItemStatus("done", "verified", null)).toEqual({ ok: true });
    expect(checkActionItemStatus("verified", "open", null)).toEqual({ ok: true });
  });

  it("the patch schema requires a reason with wont_do, and tracker URLs must be http(s)", () => {
    expect(actionItemPatchSchema.safeParse({ version: 1, status: "wont_do" }).success).toBe(false);
    expect(actionItemPatchSchema.safeParse({ version: 1, status: "wont_do", reason: "dup of #12" }).success).toBe(true);
    const base = { title: "Add TLS chain check", owner: "ada", dueAt: "2026-12-01", kind: "prevent" };
    expect(actionItemCreateSchema.safeParse({ ...base, trackerUrl: "javascript:alert(1)" }).success).toBe(false);
    expect(actionItemCreateSchema.safeParse({ ...base, trackerUrl: "https://tracker.example/T-1" }).success).toBe(true);
    expect(actionItemCreateSchema.safeParse({ ...base, kind: "blame" }).success).toBe(false);
    // From an incident's postmortem (by ref) or any postmortem (by id), never both.
    expect(actionItemCreateSchema.safeParse({ ...base, incident: "INC-7" }).success).toBe(true);
    expect(actionItemCreateSchema.safeParse({ ...base, postmortem: "cmabc123" }).success).toBe(true);
    const both = actionItemCreateSchema.safeParse({ ...base, incident: "INC-7", postmortem: "cmabc123" });
    expect(both.success).toBe(false);
    expect(both.error?.issues.map((i) => i.path.join("."))).toEqual(["postmortem"]);
  });

  it("a day due date means the end of that day UTC; overdue is open work past it", () => {
    expect(dueInstant("2026-12-01").toISOString()).toBe("2026-12-01T23:59:59.999Z");
    const now = new Date("2026-12-02T00:00:00Z");
    expect(isOverdue({ status: "open", dueAt: "2026-12-01T23:59:59.999Z" }, now)).toBe(true);
    expect(isOverdue({ status: "in_progress", dueAt: "2026-12-02T00:00:01Z" }, now)).toBe(false);
    expect(isOverdue({ status: "done", dueAt: "2026-11-01T00:00:00Z" }, now)).toBe(false);
    expect(isOverdue({ status: "open", dueAt: null }, now)).toBe(false);
  });

  it("a SEV0/1 review expects a prevent item that is not won't-do", () => {
    expect(missingPreventItem("SEV1", [{ kind: "detect", status: "open" }])).toBe(true);
    expect(missingPreventItem("SEV1", [{ kind: "prevent", status: "wont_do" }])).toBe(true);
    expect(missingPreventItem("SEV0", [{ kind: "prevent", status: "open" }])).toBe(false);
    expect(missingPreventItem("SEV2", [])).toBe(false);
  });
});

describe("exportMarkdown", () => {
  it("has a heading per section in order, placeholders for empty ones, and the action items table", () => {
    const md = exportMarkdown({
      incidentRef: "INC-7",
      title: "Checkout 502s in EU",
      status: "published",
      revision: 2,
      publishedAt: "2026-11-24T10:00:00.000Z",
      sections: DEFAULT_SECTIONS.map((s) => ({ key: s.key, title: s.title, body: s.key === "summary" ? "It broke | badly" : "" })),
      actionItems: [{ title: "Chain check | CI", owner: { handle: "ada" }, dueAt: "2026-12-01T23:59:59.999Z", priority: "P2", kind: "prevent", status: "open", trackerUrl: "https://t.example/1" }],
    });
    const headings = md.split("\n").filter((l) => l.startsWith("## ")).map((l) => l.slice(3));
    expect(headings).toEqual(DEFAULT_SECTIONS.map((s) => s.title));
    expect(md).toContain("INC-7 · Published 2026-11-24 10:00 UTC · revision 2");
    expect(md).toContain("It broke | badly");
    expect(md).toContain("| [Chain check \\| CI](https://t.example/1) | @ada | 2026-12-01 | P2 | prevent | Open |");
    expect(md).toContain("_Nothing written yet._");
  });

  it("heads a near miss or positive retro with its type, and no incident", () => {
    const md = exportMarkdown({ incidentRef: null, type: "near_miss", title: "Disk almost full", status: "draft", revision: 1, publishedAt: null, sections: [], actionItems: [] });
    expect(md.split("\n").slice(0, 3)).toEqual(["# Near miss: Disk almost full", "", "Draft · revision 1"]);
    expect(exportMarkdown({ incidentRef: "INC-7", type: "incident_review", title: "x", status: "draft", revision: 1, publishedAt: null, sections: [], actionItems: [] })).toMatch(/^# Postmortem: x/);
  });
});

describe("an owner's action items and review nudges", () => {
  const now = new Date("2026-11-23T12:00:00Z");
  const item = (id: string, dueAt: string | null, status = "open") => ({ id, title: `item ${id}`, status, dueAt, createdAt: "2026-11-01T00:00:00Z", incident: { ref: "INC-7" } });

  it("lists open and in-progress items, overdue first (most overdue first), then soonest due, undated last", () => {
    const items = [
      item("later", "2026-12-10T00:00:00Z"),
      item("undated", null),
      item("done", "2026-11-01T00:00:00Z", "done"),
      item("late", "2026-11-20T00:00:00Z", "in_progress"),
      item("soon", "2026-11-24T00:00:00Z"),
      item("very-late", "2026-11-02T00:00:00Z"),
      item("wont", "2026-11-02T00:00:00Z", "wont_do"),
    ];
    expect(sortMyActionItems(items, now).map((i) => i.id)).toEqual(["very-late", "late", "soon", "later", "undated"]);
  });

  it("nudges each overdue item (critical after a week) and each SEV0/1 review without a live prevent item", () => {
    const nudges = reviewNudges(
      {
        actionItems: [item("a", "2026-11-22T00:00:00Z"), item("b", "2026-11-10T00:00:00Z"), item("c", "2026-11-10T00:00:00Z", "done"), item("d", "2026-11-30T00:00:00Z")],
        postmortems: [
          { ref: "INC-1", severity: "SEV1", actionItems: [{ kind: "detect", status: "open" }, { kind: "prevent", status: "wont_do" }] },
          { ref: "INC-2", severity: "SEV0", actionItems: [{ kind: "prevent", status: "done" }] },
          { ref: "INC-3", severity: "SEV2", actionItems: [] },
        ],
      },
      now,
    );
    expect(nudges.map((n) => [n.key, n.level])).toEqual([
      ["action_item_overdue:b", "critical"],
      ["action_item_overdue:a", "warning"],
      ["missing_prevent_item:INC-1", "warning"],
    ]);
    expect(nudges[1]!.message).toContain("(INC-7) is 1d 12h overdue");
    expect(nudges[2]!.href).toBe("/incidents/INC-1/postmortem");
  });

  it("links an overdue item of a review without an incident to that review", () => {
    const retroItem = { ...item("r", "2026-11-22T00:00:00Z"), incident: null, postmortemId: "pm1" };
    const [nudge] = reviewNudges({ actionItems: [retroItem], postmortems: [] }, now);
    expect(nudge).toMatchObject({ key: "action_item_overdue:r", href: "/postmortems/pm1" });
    expect(nudge!.message).not.toContain("(INC-");
    const [loose] = reviewNudges({ actionItems: [{ ...retroItem, postmortemId: null }], postmortems: [] }, now);
    expect(loose!.href).toBe("/action-items?owner=me");
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

  it("accepts only near_miss and positive_retro, with a title", () => {
    expect(standalonePostmortemCreateSchema.safeParse({ type: "near_miss", title: "x" }).success).toBe(true);
    expect(standalonePostmortemCreateSchema.safeParse({ type: "incident_review", title: "x" }).success).toBe(false);
    expect(standalonePostmortemCreateSchema.safeParse({ type: "positive_retro", title: "  " }).success).toBe(false);
  });

  it("takes related services as canonical keys, upper-cased and without repeats", () => {
    expect(standalonePostmortemCreateSchema.parse({ type: "near_miss", title: "x", services: ["svc-checkout", "SVC-CHECKOUT", "SVC-AUTH"] }).services).toEqual(["SVC-CHECKOUT", "SVC-AUTH"]);
    expect(standalonePostmortemCreateSchema.safeParse({ type: "near_miss", title: "x", services: ["checkout"] }).success).toBe(false);
    expect(standalonePostmortemCreateSchema.safeParse({ type: "near_miss", title: "x", services: Array.from({ length: 21 }, (_, i) => `SVC-S${i}`) }).success).toBe(false);
  });

  it("lives under its incident, or by its id when it has none", () => {
    expect(postmortemApiPath({ id: "pm1", incident: { ref: "INC-7" } })).toBe("/api/v1/incidents/INC-7/postmortem");
    expect(postmortemApiPath({ id: "pm1", incident: null })).toBe("/api/v1/postmortems/pm1");
    expect(postmortemPagePath({ id: "pm1", incident: { ref: "INC-7" } })).toBe("/incidents/INC-7/postmortem");
    expect(postmortemPagePath({ id: "pm1", incident: null })).toBe("/postmortems/pm1");
  });
});

describe("comments arriving live", () => {
  const comment = (id: string, createdAt: string, resolvedAt: string | null = null): CommentDto => ({ id, section: "impact", author: null, body: id, createdAt, resolvedAt, resolvedBy: null });

  it("replaces a known comment by id and adds a new one in the conversation's order, once", () => {
    const list = [comment("a", "2026-11-23T10:00:00Z"), comment("c", "2026-11-23T12:00:00Z")];
    expect(upsertComment(list, comment("b", "2026-11-23T11:00:00Z")).map((c) => c.id)).toEqual(["a", "b", "c"]);
    const resolved = upsertComment(list, comment("a", "2026-11-23T10:00:00Z", "2026-11-23T13:00:00Z"));
    expect(resolved.map((c) => [c.id, c.resolvedAt])).toEqual([
      ["a", "2026-11-23T13:00:00Z"],
      ["c", null],
    ]);
    // The socket and the POST's answer bring the same comment: it shows once.
    const twice = upsertComment(upsertComment(list, comment("d", "2026-11-23T14:00:00Z")), comment("d", "2026-11-23T14:00:00Z"));
    expect(twice.map((c) => c.id)).toEqual(["a", "c", "d"]);
    expect(upsertComment(undefined, comment("x", "2026-11-23T10:00:00Z")).map((c) => c.id)).toEqual(["x"]);
  });
});

describe("diffLines", () => {
  const ops = (d: { op: string; text: string }[]) => d.map((l) => `${l.op === "same" ? " " : l.op === "add" ? "+" : "-"}${l.text}`);

  it("keeps common lines, shows a replaced line as removed then added, and additions at the end", () => {
    expect(ops(diffLines("a\nb\nc", "a\nB\nc\nd"))).toEqual([" a", "-b", "+B", " c", "+d"]);
  });

  it("handles empty sides and identical texts", () => {
    expect(ops(diffLines("", "new"))).toEqual(["+new"]);
    expect(ops(diffLines("old", ""))).toEqual(["-old"]);
    expect(diffLines("same\ntext", "same\ntext").every((l) => l.op === "same")).toBe(true);
  });

  it("falls back to all removed, all added above the size limit", () => {
    const big = Array.from({ length: MAX_DIFF_LINES + 1 }, (_, i) => `l${i}`).join("\n");
    const d = diffLines(big, "x");
    expect(d.filter((l) => l.op === "del")).toHaveLength(MAX_DIFF_LINES + 1);
    expect(d.at(-1)).toEqual({ op: "add", text: "x" });
  });
});
