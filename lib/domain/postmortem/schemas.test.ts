import { describe, expect, it } from "vitest";
import { standalonePostmortemCreateSchema } from "./schemas";

describe("a review without an incident", () => {
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
});
