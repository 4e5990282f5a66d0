import { describe, expect, it } from "vitest";
import { incidentMergeSchema, mergeCandidates, mergeProblem, type MergeSide } from "./merge";

const open = (ref: string, more: Partial<MergeSide> = {}): MergeSide => ({ ref, status: "investigating", private: false, drill: false, ...more });

describe("merging incidents", () => {
  it("takes the survivor's ref and the merged one's version, nothing else", () => {
    expect(incidentMergeSchema.safeParse({ into: "INC-7", version: 3 }).success).toBe(true);
    expect(incidentMergeSchema.safeParse({ into: "INC-7", version: 3, reason: "same outage" }).success).toBe(true);
    for (const bad of [{ into: "7", version: 3 }, { into: "INC-7" }, { into: "INC-7", version: 0 }, { into: "INC-7", version: 3, extra: 1 }]) {
      expect(incidentMergeSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it("merges an open incident into another open one, mitigated included", () => {
    expect(mergeProblem(open("INC-9"), open("INC-7"))).toBeNull();
    expect(mergeProblem(open("INC-9", { status: "mitigated" }), open("INC-7", { status: "mitigated" }))).toBeNull();
    expect(mergeProblem(open("INC-9", { private: true }), open("INC-7", { private: true }))).toBeNull();
  });

  it("refuses itself, a closed side, a drill beside a real one, and private beside public", () => {
    expect(mergeProblem(open("INC-7"), open("INC-7"))).toMatchObject({ code: "invalid_input", field: "into" });
    expect(mergeProblem(open("INC-9", { status: "resolved" }), open("INC-7"))).toMatchObject({ code: "conflict", field: "status", message: "INC-9 is resolved: only an open incident is merged." });
    expect(mergeProblem(open("INC-9"), open("INC-7", { status: "closed" }))).toMatchObject({ code: "conflict", field: "into" });
    expect(mergeProblem(open("INC-9", { drill: true }), open("INC-7"))).toMatchObject({ code: "invalid_input", message: "A drill merges only into a drill." });
    expect(mergeProblem(open("INC-9"), open("INC-7", { drill: true }))).toMatchObject({ code: "invalid_input", message: "A real incident never merges into a drill." });
    expect(mergeProblem(open("INC-9", { private: true }), open("INC-7"))).toMatchObject({ code: "invalid_input", field: "into", message: "INC-9 is private: it merges only into a private incident." });
    // Each side names the other: a public incident's timeline never names a private one.
    expect(mergeProblem(open("INC-9"), open("INC-7", { private: true }))).toMatchObject({ code: "invalid_input", field: "into", message: "INC-7 is private: only a private incident merges into it." });
  });

  it("offers the open incidents it may merge into, most severe first, then the oldest", () => {
    const item = (ref: string, severity: string, declaredAt: string, more: Partial<MergeSide> = {}) => ({ ...open(ref, more), severity, declaredAt });
    const list = [
      item("INC-9", "SEV2", "2026-12-03T03:05:00Z"),
      item("INC-8", "SEV3", "2026-12-03T02:00:00Z"),
      item("INC-7", "SEV2", "2026-12-03T03:00:00Z"),
      item("INC-6", "SEV1", "2026-12-03T03:10:00Z"),
      item("INC-5", "SEV1", "2026-12-03T01:00:00Z", { drill: true }),
      item("INC-4", "SEV1", "2026-12-03T01:00:00Z", { status: "resolved" }),
    ];
    expect(mergeCandidates(open("INC-9"), list).map((i) => i.ref)).toEqual(["INC-6", "INC-7", "INC-8"]);
    expect(mergeCandidates(open("INC-9", { private: true }), list.map((i) => ({ ...i, private: i.ref === "INC-8" }))).map((i) => i.ref)).toEqual(["INC-8"]);
  });
});
