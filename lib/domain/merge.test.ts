import { describe, expect, it } from "vitest";
import { incidentMergeSchema, mergeProblem, type MergeSide } from "./merge";

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
    expect(mergeProblem(open("INC-9"), open("INC-7", { private: true }))).toBeNull();
    expect(mergeProblem(open("INC-9", { private: true }), open("INC-7", { private: true }))).toBeNull();
  });

  it("refuses itself, a closed side, a drill beside a real one, and a private one into a public one", () => {
    expect(mergeProblem(open("INC-7"), open("INC-7"))).toMatchObject({ code: "invalid_input", field: "into" });
    expect(mergeProblem(open("INC-9", { status: "resolved" }), open("INC-7"))).toMatchObject({ code: "conflict", field: "status", message: "INC-9 is resolved: only an open incident is merged." });
    expect(mergeProblem(open("INC-9"), open("INC-7", { status: "closed" }))).toMatchObject({ code: "conflict", field: "into" });
    expect(mergeProblem(open("INC-9", { drill: true }), open("INC-7"))).toMatchObject({ code: "invalid_input", message: "A drill merges only into a drill." });
    expect(mergeProblem(open("INC-9"), open("INC-7", { drill: true }))).toMatchObject({ code: "invalid_input", message: "A real incident never merges into a drill." });
    expect(mergeProblem(open("INC-9", { private: true }), open("INC-7"))).toMatchObject({ code: "invalid_input", field: "into", message: "INC-9 is private: it merges only into a private incident." });
  });
});
