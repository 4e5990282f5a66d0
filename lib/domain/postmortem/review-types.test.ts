import { describe, expect, it } from "vitest";
import { postmortemApiPath, postmortemPagePath } from "./review-types";

describe("where a review lives", () => {
  it("lives under its incident, or by its id when it has none", () => {
    expect(postmortemApiPath({ id: "pm1", incident: { ref: "INC-7" } })).toBe("/api/v1/incidents/INC-7/postmortem");
    expect(postmortemApiPath({ id: "pm1", incident: null })).toBe("/api/v1/postmortems/pm1");
    expect(postmortemPagePath({ id: "pm1", incident: { ref: "INC-7" } })).toBe("/incidents/INC-7/postmortem");
    expect(postmortemPagePath({ id: "pm1", incident: null })).toBe("/postmortems/pm1");
  });
});
