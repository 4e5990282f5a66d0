import { describe, expect, it } from "vitest";
import { matchesServiceSearch, similarQuerySchema, suggestServices, titleMentions, whoWillBePaged, type DeclareServiceOption } from "./declare";

const checkout = { key: "SVC-CHECKOUT", name: "Checkout", team: { key: "payments", name: "Payments" } };
const ledger = { key: "SVC-LEDGER", name: "Payments Ledger", team: { key: "payments", name: "Payments" } };
const search = { key: "SVC-SEARCH", name: "Search", team: { key: "discovery", name: "Discovery" } };
const db = { key: "DB", name: "DB", team: null };

describe("titles that name a service", () => {
  it("matches the key, the key as said and the name, as whole words in any case", () => {
    expect(titleMentions("SVC-CHECKOUT returns 502", checkout)).toBe(true);
    expect(titleMentions("checkout returns 502 for EU", checkout)).toBe(true);
    expect(titleMentions("Writes to the payments ledger time out", ledger)).toBe(true);
  });

  it("does not match inside another word or a part of a longer name", () => {
    expect(titleMentions("checkouts are slow", checkout)).toBe(false);
    expect(titleMentions("payments are slow", ledger)).toBe(false);
    expect(titleMentions("research pipeline stuck", search)).toBe(false);
  });

  it("ignores names too short to mean anything on their own", () => {
    expect(titleMentions("db is down", db)).toBe(false);
  });
});

describe("suggested services", () => {
  const all = [checkout, ledger, search];

  it("offers what the title names first, and then nothing by team", () => {
    expect(suggestServices("Search results empty", all, ["payments"], [])).toEqual([{ key: "SVC-SEARCH", because: "title" }]);
  });

  it("offers the declarer's team's services when the title names none", () => {
    expect(suggestServices("Everything is slow", all, ["payments"], [])).toEqual([
      { key: "SVC-CHECKOUT", because: "team" },
      { key: "SVC-LEDGER", because: "team" },
    ]);
    expect(suggestServices("Everything is slow", all, [], [])).toEqual([]);
  });

  it("never suggests a service already chosen, and once one is chosen no longer suggests the team's others", () => {
    expect(suggestServices("checkout down", all, ["payments"], ["SVC-CHECKOUT"])).toEqual([]);
    expect(suggestServices("checkout down", all, ["payments"], [])).toEqual([{ key: "SVC-CHECKOUT", because: "title" }]);
    // A second service named in the title is still suggested.
    expect(suggestServices("checkout and search down", all, ["payments"], ["SVC-CHECKOUT"])).toEqual([{ key: "SVC-SEARCH", because: "title" }]);
  });
});

describe("the service search", () => {
  it("needs every word typed, in the key, name or team", () => {
    expect(matchesServiceSearch("pay led", ledger)).toBe(true);
    expect(matchesServiceSearch("payments", checkout)).toBe(true);
    expect(matchesServiceSearch("svc-check", checkout)).toBe(true);
    expect(matchesServiceSearch("payments search", search)).toBe(false);
    expect(matchesServiceSearch("", search)).toBe(true);
  });
});

describe("who will be paged", () => {
  const option = (key: string, pages: string[]): DeclareServiceOption => ({
    id: key,
    key,
    name: key,
    tier: 1,
    team: null,
    policy: pages.length ? "Policy" : null,
    pages: pages.map((handle) => ({ handle, name: handle })),
  });
  const options = [option("A", ["ana", "bo"]), option("B", ["bo"]), option("C", [])];

  it("is each person of the chosen services once", () => {
    expect(whoWillBePaged(options, ["A", "B"]).map((p) => p.handle)).toEqual(["ana", "bo"]);
  });

  it("is nobody without a service, or with only services that page nobody", () => {
    expect(whoWillBePaged(options, [])).toEqual([]);
    expect(whoWillBePaged(options, ["C"])).toEqual([]);
  });
});

describe("the similar-incidents query", () => {
  it("takes services comma-separated, canonical and without blanks", () => {
    expect(similarQuerySchema.parse({ title: " checkout 502 ", services: "svc-checkout, ,SVC-LEDGER" })).toEqual({ title: "checkout 502", services: ["SVC-CHECKOUT", "SVC-LEDGER"] });
    expect(similarQuerySchema.parse({})).toEqual({ title: "", services: [] });
  });

  it("refuses a title longer than a title can be, naming the field", () => {
    const r = similarQuerySchema.safeParse({ title: "x".repeat(201) });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(["title"]);
  });
});
