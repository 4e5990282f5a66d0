import { describe, expect, it } from "vitest";
import { diffLines, MAX_DIFF_LINES } from "./revision-diff";

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
