import { describe, expect, it } from "vitest";
import { DEFAULT_SECTIONS, SECTION_KEYS } from "./sections";

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
