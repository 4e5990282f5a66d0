import { describe, expect, it } from "vitest";
import { buildDigest, digestWorthShowing, type DigestInput } from "./digest";
import type { TimelineEntry, TimelineWrite } from "./timeline";

const ana = { handle: "ana", name: "Ana" };
const bob = { handle: "bob", name: "Bob" };
let seq = 0;
function entry(write: TimelineWrite, author: { handle: string; name: string } | null = bob): TimelineEntry {
  seq += 1;
  const at = new Date(Date.UTC(2026, 11, 4, 3, seq)).toISOString();
  return { id: `e${seq}`, seq, at, pinned: false, actorKind: author ? "human" : "system", author, ...write } as TimelineEntry;
}
const update = (condition: string) => ({ updateId: `u${seq}`, condition, action: "Rolling back", need: "", audience: "internal", nextUpdateDueAt: null });
const digestOf = (entries: TimelineEntry[], over: Partial<DigestInput> = {}) =>
  buildDigest({
    entries,
    since: 0,
    upTo: entries.at(-1)?.seq ?? 0,
    firstVisit: false,
    viewer: "ana",
    othersTotal: entries.filter((e) => e.author?.handle !== "ana").length,
    ...over,
  });

describe("since you last looked", () => {
  it("lists each change by others after the marker, in order, under its topic; never the reader's own", () => {
    seq = 0;
    const entries = [
      entry({ kind: "declared", data: { title: "Checkout 500s", severity: "SEV3", priority: "P2", commander: "ana" } }, ana),
      entry({ kind: "severity_changed", data: { from: "SEV3", to: "SEV1", reason: "EU down too" } }),
      entry({ kind: "status_changed", data: { from: "investigating", to: "mitigated", reason: "" } }, ana),
      entry({ kind: "handover_accepted", data: { handoverId: "h", user: "bob", userName: "Bob", previous: "ana", previousName: "Ana", briefing: { state: "s" } } }),
      entry({ kind: "decision", data: { decisionId: "d", decision: "Roll back 4.2", rationale: "errors began with it" } }),
      entry({ kind: "decision_outcome", data: { decisionId: "d", decision: "Roll back 4.2", outcome: "kept", note: "errors gone", revisitAt: null } }),
      entry({ kind: "note", data: { body: "looking at the pool" } }),
    ];
    const d = digestOf(entries, { since: 1 });
    expect(d.items.map((i) => [i.seq, i.topic, i.text])).toEqual([
      [2, "state", "Severity SEV3 → SEV1: EU down too"],
      [4, "command", "@bob accepted command from @ana: has the conn"],
      [5, "decision", "Decided: Roll back 4.2 — because errors began with it"],
      [6, "decision", "Decision “Roll back 4.2” kept: errors gone"],
    ]);
    expect(d.items[0]!.author).toEqual(bob);
    // The note is by another and not a line: counted, so the page can say "and 1 other entry".
    expect(d).toMatchObject({ since: 1, upTo: 7, otherEntries: 1, latestUpdate: null, truncated: false });
  });

  it("reads nothing at or before the marker, nor past upTo (an entry committed after the digest was read)", () => {
    seq = 0;
    const entries = [
      entry({ kind: "severity_changed", data: { from: "SEV3", to: "SEV2", reason: "" } }),
      entry({ kind: "severity_changed", data: { from: "SEV2", to: "SEV1", reason: "" } }),
      entry({ kind: "severity_changed", data: { from: "SEV1", to: "SEV0", reason: "" } }),
    ];
    expect(digestOf(entries, { since: 1, upTo: 2 }).items.map((i) => i.seq)).toEqual([2]);
    expect(digestOf(entries, { since: 3, upTo: 3 }).items).toEqual([]);
  });

  it("takes commander roles only, new blockers only, and workstreams only when they become blocked or done", () => {
    seq = 0;
    const ws = (status: string, action = "status_changed") => entry({ kind: "workstream", data: { workstreamId: "w", action, title: "Rollback", status } });
    const board = (kind: string, action: string, state = "open") => entry({ kind: "board", data: { itemId: `${kind}1`, action, kind, text: `a ${kind}`, state } });
    const entries = [
      entry({ kind: "role_assigned", data: { role: "scribe", user: "cy" } }),
      entry({ kind: "role_assigned", data: { role: "commander", user: "bob", previous: null } }),
      entry({ kind: "role_unassigned", data: { role: "commander", user: "bob" } }),
      entry({ kind: "command_taken", data: { user: "cy", userName: "Cy", previous: "bob", reason: "absent" } }),
      board("hypothesis", "created"),
      board("unknown", "created"),
      board("blocker", "created"),
      ws("active", "created"),
      ws("active"),
      ws("blocked"),
      ws("done"),
    ];
    expect(digestOf(entries).items.map((i) => [i.topic, i.text])).toEqual([
      ["command", "@bob is incident commander"],
      ["command", "@bob is no longer incident commander"],
      ["command", expect.stringContaining("@cy took command without acceptance from @bob")],
      ["blocker", "a blocker"],
      ["workstream", "“Rollback” is blocked"],
      ["workstream", "“Rollback” is done"],
    ]);
  });

  it("says what became of a blocker later in the same range, and nothing when it is still open", () => {
    seq = 0;
    const raised = entry({ kind: "board", data: { itemId: "b1", action: "created", kind: "blocker", text: "No VPN", state: "open" } });
    const edited = entry({ kind: "board", data: { itemId: "b1", action: "updated", kind: "blocker", text: "No VPN for EU", state: "open" } });
    expect(digestOf([raised, edited]).items[0]!.since).toBeNull();
    const resolved = entry({ kind: "board", data: { itemId: "b1", action: "state_changed", kind: "blocker", text: "No VPN for EU", state: "resolved" } }, ana);
    expect(digestOf([raised, edited, resolved]).items).toEqual([expect.objectContaining({ seq: raised.seq, text: "No VPN", since: "resolved" })]);
  });

  it("gives the newest update, also one posted with a status change, unless the reader posted it", () => {
    seq = 0;
    const first = entry({ kind: "update", data: update("Checkout failing") });
    const mitigated = entry({ kind: "status_changed", data: { from: "investigating", to: "mitigated", reason: "", update: update("Checkout back") } });
    const d = digestOf([first, mitigated]);
    expect(d.latestUpdate).toMatchObject({ seq: mitigated.seq, condition: "Checkout back", author: bob });
    // The status change is a line and the update; the older update is neither: one other entry.
    expect(d.items.map((i) => i.seq)).toEqual([mitigated.seq]);
    expect(d.otherEntries).toBe(1);
    const mine = entry({ kind: "update", data: update("Watching") }, ana);
    // An older update by another is not the latest one: none is given.
    expect(digestOf([first, mitigated, mine]).latestUpdate).toBeNull();
  });

  it("from 0 for a first visit is the brief from the declaration; the declaration alone is not worth opening with", () => {
    seq = 0;
    const declared = entry({ kind: "declared", data: { title: "Login slow", severity: "SEV2", priority: "P2", commander: "bob" } });
    const brief = digestOf([declared], { firstVisit: true });
    expect(brief.items).toEqual([expect.objectContaining({ kind: "declared", text: "Declared SEV2: Login slow, @bob in command" })]);
    expect(digestWorthShowing(brief)).toBe(false);
    const blocker = entry({ kind: "board", data: { itemId: "b", action: "created", kind: "blocker", text: "x", state: "open" } });
    expect(digestWorthShowing(digestOf([declared, blocker], { firstVisit: true }))).toBe(true);
    expect(digestWorthShowing(digestOf([], { firstVisit: false }))).toBe(false);
  });

  it("entries by automations and Conn itself are others' entries; a merge into another incident is a status line", () => {
    seq = 0;
    const auto = entry({ kind: "severity_changed", data: { from: "SEV2", to: "SEV1", reason: "alert" } }, null);
    const merged = entry({ kind: "merged", data: { direction: "into", other: "INC-7", otherTitle: "DB", alerts: 0, pages: 0 } });
    const mergedFrom = entry({ kind: "merged", data: { direction: "from", other: "INC-9", otherTitle: "DB", alerts: 0, pages: 0 } });
    expect(digestOf([auto, merged, mergedFrom]).items.map((i) => [i.seq, i.topic])).toEqual([
      [auto.seq, "state"],
      [merged.seq, "state"],
    ]);
  });
});
