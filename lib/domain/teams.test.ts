import { describe, expect, it } from "vitest";
import { suggestTeamKey, teamCreateSchema, teamKeySchema, teamMemberAddSchema, teamPatchSchema } from "./teams";

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

describe("suggested keys", () => {
  it("turns a display name into a valid key", () => {
    for (const [name, key] of [
      ["Payments & Billing", "payments-billing"],
      ["  Zahlungsverkehr Österreich ", "zahlungsverkehr-osterreich"],
      ["SRE / Platform", "sre-platform"],
      ["---", ""],
      [`${"a".repeat(39)} b`, "a".repeat(39)],
    ] as const) {
      expect(suggestTeamKey(name), name).toBe(key);
      if (key) expect(teamKeySchema.parse(key)).toBe(key);
    }
  });
});
