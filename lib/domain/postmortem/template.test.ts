import { describe, expect, it } from "vitest";
import { buildStandalonePrefill } from "./prefill";
import { DEFAULT_SECTIONS } from "./sections";
import {
  effectiveTemplate,
  isRequiredSection,
  moveSection,
  postmortemTemplatePutSchema,
  presentTemplate,
  REQUIRED_SECTION_KEYS,
  sectionKeyFromTitle,
} from "./template";

const defaults = DEFAULT_SECTIONS.map((s) => ({ ...s }));
const fieldsOf = (input: unknown) => {
  const r = postmortemTemplatePutSchema.safeParse(input);
  return r.success ? null : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("the default template", () => {
  it("is PRACTICES.md's list with automation and AI involvement, in order", () => {
    expect(DEFAULT_SECTIONS.map((s) => s.key)).toEqual([
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
    expect(DEFAULT_SECTIONS.find((s) => s.key === "automation")?.title).toBe("Automation and AI involvement");
  });

  it("is what an organization without its own template gets, and what an unreadable stored one falls back to", () => {
    expect(effectiveTemplate(null)).toEqual(defaults);
    expect(effectiveTemplate(undefined)).toEqual(defaults);
    expect(effectiveTemplate([{ key: "Not A Key", title: "x" }])).toEqual(defaults);
    expect(effectiveTemplate([{ key: "summary", title: "Summary" }])).toEqual(defaults); // drops required sections
  });

  it("is the organization's own when stored", () => {
    const own = [
      { key: "summary", title: "TL;DR", prompt: "" },
      { key: "customer_communication", title: "Customer communication", prompt: "What did customers hear, when?" },
      { key: "contributing_factors", title: "Contributing factors", prompt: "" },
      { key: "action_items", title: "Action items", prompt: "" },
      { key: "automation", title: "Automation", prompt: "" },
    ];
    expect(effectiveTemplate(own)).toEqual(own);
  });
});

describe("saving a template", () => {
  it("accepts the default with version 0, trims, and defaults a missing prompt to empty", () => {
    const parsed = postmortemTemplatePutSchema.parse({ version: 0, sections: [...defaults, { key: "customer_comms", title: "  Customer comms  " }] });
    expect(parsed.sections.at(-1)).toEqual({ key: "customer_comms", title: "Customer comms", prompt: "" });
  });

  it("refuses a missing required section, naming it", () => {
    const without = defaults.filter((s) => s.key !== "automation");
    expect(fieldsOf({ version: 1, sections: without })).toEqual({ sections: "Must keep the required sections: automation" });
  });

  it("lets optional sections go", () => {
    const required = defaults.filter((s) => isRequiredSection(s.key));
    expect(required.map((s) => s.key)).toEqual([...REQUIRED_SECTION_KEYS]);
    expect(fieldsOf({ version: 1, sections: required })).toBeNull();
  });

  it("refuses duplicate keys on the duplicate's field, bad keys, empty titles and unknown fields", () => {
    expect(fieldsOf({ version: 1, sections: [...defaults, { key: "impact", title: "Impact again" }] })).toEqual({ "sections.11.key": expect.stringContaining("Duplicate key impact") });
    expect(fieldsOf({ version: 1, sections: [...defaults, { key: "Customer-Comms", title: "x" }] })).toHaveProperty("sections.11.key");
    expect(fieldsOf({ version: 1, sections: [...defaults, { key: "step_2", title: "x" }] })).toHaveProperty("sections.11.key");
    expect(fieldsOf({ version: 1, sections: [...defaults, { key: "extra", title: " " }] })).toHaveProperty("sections.11.title");
    expect(fieldsOf({ version: 1, sections: [...defaults, { key: "extra", title: "x", body: "y" }] })).toHaveProperty("sections.11");
    expect(fieldsOf({ sections: defaults })).toHaveProperty("version");
  });

  it("refuses more than 30 sections", () => {
    const many = [...defaults, ...Array.from({ length: 20 }, (_, i) => ({ key: `extra_${String.fromCharCode(97 + i)}`, title: `Extra ${i}` }))];
    expect(fieldsOf({ version: 1, sections: many })).toEqual({ sections: "At most 30 sections" });
  });
});

describe("the template as answered", () => {
  it("marks required sections and those the pre-fill fills, and carries the default", () => {
    const dto = presentTemplate([...defaults, { key: "customer_comms", title: "Customer comms", prompt: "" }], { version: 2, custom: true, updatedAt: null, updatedBy: null });
    expect(dto.sections.find((s) => s.key === "summary")).toMatchObject({ required: true, prefilled: true });
    expect(dto.sections.find((s) => s.key === "impact")).toMatchObject({ required: false, prefilled: true });
    expect(dto.sections.find((s) => s.key === "customer_comms")).toMatchObject({ required: false, prefilled: false });
    expect(dto.defaults).toEqual(defaults);
  });

  it("a pre-fill fills known keys whatever the template, and leaves custom ones to their prompt", () => {
    const bodies = buildStandalonePrefill("near_miss", "Disk almost full");
    const template = effectiveTemplate([{ key: "customer_comms", title: "Comms", prompt: "" }, ...defaults.filter((s) => isRequiredSection(s.key) || s.key === "detection")]);
    const filled = template.map((s) => bodies[s.key] ?? "");
    expect(filled[0]).toBe("");
    expect(filled[template.findIndex((s) => s.key === "detection")]).toContain("Caught by");
  });
});

describe("section keys from titles", () => {
  it("slugs to lowercase letters and underscores", () => {
    expect(sectionKeyFromTitle("Customer communication", [])).toBe("customer_communication");
    expect(sectionKeyFromTitle("  Über-Kommunikation (2024) ", [])).toBe("uber_kommunikation");
    expect(sectionKeyFromTitle("123 !!", [])).toBe("section");
  });

  it("never collides with a taken key, using letters only", () => {
    expect(sectionKeyFromTitle("Impact", ["impact"])).toBe("impact_a");
    expect(sectionKeyFromTitle("Impact", ["impact", "impact_a"])).toBe("impact_b");
    const taken = ["x", ...Array.from({ length: 26 }, (_, i) => `x_${String.fromCharCode(97 + i)}`)];
    expect(sectionKeyFromTitle("x", taken)).toBe("x_aa");
    expect(sectionKeyFromTitle("x".repeat(80), [])).toHaveLength(40);
  });
});

describe("reordering", () => {
  it("moves one section and keeps the rest in order", () => {
    expect(moveSection(["a", "b", "c", "d"], 3, 1)).toEqual(["a", "d", "b", "c"]);
    expect(moveSection(["a", "b", "c"], 0, 2)).toEqual(["b", "c", "a"]);
    expect(moveSection(["a", "b"], 0, 5)).toEqual(["a", "b"]);
  });
});
