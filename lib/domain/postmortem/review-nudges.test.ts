import { describe, expect, it } from "vitest";
import { reviewNudges } from "./review-nudges";

describe("review nudges", () => {
  const now = new Date("2026-11-23T12:00:00Z");
  const item = (id: string, dueAt: string | null, status = "open") => ({ id, title: `item ${id}`, status, dueAt, createdAt: "2026-11-01T00:00:00Z", incident: { ref: "INC-7" } });

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
