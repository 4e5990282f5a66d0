import { describe, expect, it } from "vitest";
import { alertDeclareSchema, declaredTitle, declareProblem } from "./declare";
import { alertPageReason } from "../pages";

describe("declaring from alerts", () => {
  it("needs at least one alert and a severity, and names the field", () => {
    const empty = alertDeclareSchema.safeParse({ alertIds: [], severity: "SEV2" });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]?.path).toEqual(["alertIds"]);
    const noSeverity = alertDeclareSchema.safeParse({ alertIds: ["a"] });
    expect(noSeverity.error?.issues[0]?.path).toEqual(["severity"]);
    expect(alertDeclareSchema.safeParse({ alertIds: ["a"], severity: "SEV2", extra: 1 }).success).toBe(false);
  });

  it("refuses unknown alerts (400) and alerts already on an incident (409)", () => {
    expect(declareProblem(["a", "b"], [{ id: "a", incident: null }])).toEqual({ code: "invalid_input", message: "No such alert: b" });
    expect(declareProblem(["a", "b"], [{ id: "a", incident: "INC-7" }, { id: "b", incident: null }])?.code).toBe("conflict");
    expect(declareProblem(["a", "b"], [{ id: "a", incident: "INC-7" }, { id: "b", incident: null }])?.message).toContain("INC-7");
    expect(declareProblem(["a"], [{ id: "a", incident: null }])).toBeNull();
  });

  it("titles the incident after the first alert unless told", () => {
    expect(declaredTitle("Checkout down", [{ summary: "x" }])).toBe("Checkout down");
    expect(declaredTitle(undefined, [{ summary: "Disk 91% full" }])).toBe("Disk 91% full");
    expect(declaredTitle(undefined, [{ summary: "Disk 91% full" }, { summary: "y" }, { summary: "z" }])).toBe("Disk 91% full (+2 more)");
    expect(declaredTitle(undefined, [{ summary: "  " }])).toBe("Alerts");
    expect(declaredTitle(undefined, [{ summary: "a".repeat(300) }, { summary: "b" }])).toHaveLength(200);
  });

  it("says why a page-only alert paged", () => {
    expect(alertPageReason({ serviceName: "Checkout API", severity: "error", summary: "5xx above 2%" })).toBe("Checkout API error alert: 5xx above 2%");
    expect(alertPageReason({ serviceName: "Checkout API", severity: "error", summary: "" })).toBe("Checkout API error alert: an alert with no summary");
  });
});
