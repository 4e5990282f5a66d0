import { describe, expect, it } from "vitest";
import { lintBlame } from "./blameless-lint";

describe("lintBlame", () => {
  it("flags a sentence that blames a person by handle, with a suggestion", () => {
    const hints = lintBlame("The cache expired. @jtsimmons forgot to renew the certificate.");
    expect(hints).toHaveLength(1);
    expect(hints[0]).toMatchObject({ match: "@jtsimmons forgot", index: 19 });
    expect(hints[0]!.suggestion).toMatch(/system/);
  });

  it("flags possessive blame, 'because of @x' and 'human error'", () => {
    expect(lintBlame("It was Bob's mistake.").map((h) => h.match)).toEqual(["Bob's mistake"]);
    expect(lintBlame("Outage due to @mpatel pushing config").map((h) => h.match)).toEqual(["due to @mpatel"]);
    expect(lintBlame("Root cause: human error.").map((h) => h.match)).toEqual(["human error"]);
    expect(lintBlame("@lchen had simply missed the alert").map((h) => h.match)).toEqual(["@lchen had simply missed"]);
  });

  it("leaves blameless writing alone", () => {
    expect(lintBlame("The deploy pipeline allowed a config without a TLS chain; @jtsimmons rolled it back at 14:25.")).toEqual([]);
    expect(lintBlame("The alert fired but was routed to a muted channel.")).toEqual([]);
    expect(lintBlame("")).toEqual([]);
  });

  it("reports overlapping matches once, in text order", () => {
    const hints = lintBlame("Human error: @a broke prod because of @a.");
    expect(hints.map((h) => h.match)).toEqual(["Human error", "@a broke", "because of @a"]);
  });
});
