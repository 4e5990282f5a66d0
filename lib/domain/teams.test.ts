import { describe, expect, it } from "vitest";
import { teamCreateSchema, teamMemberAddSchema, teamPatchSchema } from "./teams";

describe("team input", () => {
  it("canonicalizes keys to lowercase and trims names", () => {
    expect(teamCreateSchema.parse({ key: " Payments-EU ", name: "  Payments EU " })).toEqual({ key: "payments-eu", name: "Payments EU" });
  });

  it("refuses keys that are not short canonical names, with the field", () => {
    for (const key of ["", "-payments", "pay ments", "payments_eu", "zahlungs-ä", "a".repeat(41)]) {
      const r = teamCreateSchema.safeParse({ key, name: "X" });
      expect(r.success, key).toBe(false);
      expect(r.error!.issues.map((i) => i.path.join("."))).toEqual(["key"]);
    }
    expect(teamCreateSchema.safeParse({ key: "a".repeat(40), name: "X" }).success).toBe(true);
  });

  it("patches only the name: the key stays", () => {
    expect(teamPatchSchema.safeParse({ name: "" }).success).toBe(false);
    expect(teamPatchSchema.safeParse({ name: "New", key: "other" }).success).toBe(false);
  });

  it("takes a member by handle (with or without @) or email, any case", () => {
    expect(teamMemberAddSchema.parse({ user: "@JTSimmons" })).toEqual({ user: "jtsimmons" });
    expect(teamMemberAddSchema.parse({ user: "Lin@Example.com", lead: true })).toEqual({ user: "lin@example.com", lead: true });
    expect(teamMemberAddSchema.safeParse({ user: " " }).success).toBe(false);
  });
});
