import { describe, expect, it } from "vitest";
import { conventionalNames, incidentRef, parseIncidentRef } from "./refs";

describe("refs", () => {
  it("round-trips INC-<n>", () => {
    expect(incidentRef(1234)).toBe("INC-1234");
    expect(parseIncidentRef("INC-1234")).toBe(1234);
    expect(parseIncidentRef("inc-7")).toBe(7);
    expect(parseIncidentRef(" INC-7 ")).toBe(7);
  });

  it("rejects anything else", () => {
    for (const bad of ["INC-", "INC-x", "1234", "INC-12a", "INC--1", "INC-1234567890"]) expect(parseIncidentRef(bad)).toBeNull();
  });

  it("derives the conventional names", () => {
    expect(conventionalNames(1234, "Checkout returns 502 for EU customers!")).toEqual({
      channel: "#inc-1234",
      bridge: "INC-1234 – Checkout returns 502 for EU customers!",
      branch: "hotfix/INC-1234-checkout-returns-502-for-eu-customers",
    });
    expect(conventionalNames(5, "!!!").branch).toBe("hotfix/INC-5");
  });
});
