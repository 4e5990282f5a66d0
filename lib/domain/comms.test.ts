import { describe, expect, it } from "vitest";
import { commsDrafts } from "./comms";
import type { IncidentView } from "./incident-view";

const view = {
  ref: "INC-42",
  title: "Checkout 502s in EU",
  severity: "SEV1",
  status: "investigating",
  services: [{ id: "s", key: "SVC-CHECKOUT", name: "Checkout", tier: 1 }],
  startedAt: null,
  declaredAt: "2026-11-23T14:00:00.000Z",
  nextUpdateDueAt: "2026-11-23T14:30:00.000Z",
  latestUpdate: {
    id: "u",
    seq: 5,
    condition: "EU checkout fails for 40% of payments since 14:02",
    action: "Rolling back v2.3",
    need: "Approval to fail over to us-east",
    audience: "internal",
    nextUpdateDueAt: "2026-11-23T14:30:00.000Z",
    eta: "2026-11-23T15:00:00.000Z",
    author: null,
    actorKind: "human",
    at: "2026-11-23T14:10:00.000Z",
  },
} as unknown as IncidentView;

describe("comms drafts", () => {
  const drafts = commsDrafts(view);

  it("builds the internal update from the latest CAN, severity, ETA and next update", () => {
    expect(drafts.internal.text).toContain("INC-42 – Checkout 502s in EU");
    expect(drafts.internal.text).toContain("Severity SEV1 (Major)");
    expect(drafts.internal.text).toContain("Need: Approval to fail over to us-east");
    expect(drafts.internal.text).toContain("Expected recovery: 23 Nov, 15:00 UTC");
    expect(drafts.internal.text).toContain("Next update by 23 Nov, 14:30 UTC");
    expect(drafts.internal).toMatchObject({ action: "Rolling back v2.3", need: "Approval to fail over to us-east" });
  });

  it("gives execs business impact and the decision they owe", () => {
    expect(drafts.exec.text).toContain("Business impact: Major outage or degradation of core features — Checkout.");
    expect(drafts.exec.text).toContain("Decision needed from you: Approval to fail over to us-east.");
  });

  it("keeps public text plain: no ref, no internal detail", () => {
    expect(drafts.public.text).toBe("We are investigating an issue affecting Checkout. Our engineers are working on it. We will post another update by 23 Nov, 14:30 UTC.");
    expect(drafts.public.text).not.toContain("INC-42");
    expect(drafts.public.text).not.toContain("v2.3");
  });

  it("falls back to the title and impact with no update yet, and says when nothing more is planned", () => {
    const bare = commsDrafts({ ...view, latestUpdate: null, nextUpdateDueAt: null, status: "resolved" } as IncidentView);
    expect(bare.internal.condition).toContain("Checkout 502s in EU. Major outage or degradation of core features.");
    expect(bare.internal.text).toContain("No further update planned.");
    expect(bare.public.text).toBe("The issue affecting Checkout has been resolved. Service has been restored. Thank you for your patience.");
  });
});
