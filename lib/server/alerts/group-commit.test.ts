import { describe, expect, it } from "vitest";
import { GroupCommit } from "./group-commit";

/** A commit that records each transaction's items and waits until released, so the test decides what overlaps. */
function recorder(fail: (items: string[]) => boolean = () => false) {
  const transactions: string[][] = [];
  const gates: Array<() => void> = [];
  const commit = (items: string[]) =>
    new Promise<string[]>((resolve, reject) => {
      transactions.push(items);
      gates.push(() => (fail(items) ? reject(new Error(`failed: ${items.join(",")}`)) : resolve(items.map((i) => `done ${i}`))));
    });
  const releaseAll = async () => {
    while (gates.length) {
      gates.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { transactions, commit, releaseAll };
}

describe("GroupCommit", () => {
  it("starts at once when idle, and puts what arrives meanwhile into the next transaction, in order", async () => {
    const r = recorder();
    const gc = new GroupCommit(r.commit, { lanes: 1, maxItems: 50, maxWeight: 1000, weight: () => 1 });
    const first = gc.submit("a");
    expect(r.transactions).toEqual([["a"]]);
    const rest = ["b", "c", "d"].map((i) => gc.submit(i));
    expect(gc.waiting).toBe(3);
    await r.releaseAll();
    expect(await first).toBe("done a");
    expect(await Promise.all(rest)).toEqual(["done b", "done c", "done d"]);
    expect(r.transactions).toEqual([["a"], ["b", "c", "d"]]);
  });

  it("runs as many transactions at once as it has lanes", () => {
    const r = recorder();
    const gc = new GroupCommit(r.commit, { lanes: 2, maxItems: 50, maxWeight: 1000, weight: () => 1 });
    for (const i of ["a", "b", "c"]) void gc.submit(i);
    expect(r.transactions).toEqual([["a"], ["b"]]);
    expect(gc.waiting).toBe(1);
  });

  it("keeps a transaction within its item and weight limits, but always takes one item however heavy", async () => {
    const r = recorder();
    const weights: Record<string, number> = { a: 1, b: 3, c: 3, d: 10, e: 1, f: 1, g: 1 };
    const gc = new GroupCommit(r.commit, { lanes: 1, maxItems: 2, maxWeight: 6, weight: (i: string) => weights[i]! });
    const all = Object.keys(weights).map((i) => gc.submit(i));
    await r.releaseAll();
    await Promise.all(all);
    expect(r.transactions).toEqual([["a"], ["b", "c"], ["d"], ["e", "f"], ["g"]]);
  });

  it("when a shared transaction fails, runs each item alone: only the bad one is refused", async () => {
    const r = recorder((items) => items.includes("bad"));
    const gc = new GroupCommit(r.commit, { lanes: 1, maxItems: 50, maxWeight: 1000, weight: () => 1 });
    const first = gc.submit("a");
    const results = ["b", "bad", "c"].map((i) => gc.submit(i).then((v) => v, (e: Error) => e.message));
    await r.releaseAll();
    expect(await first).toBe("done a");
    expect(await Promise.all(results)).toEqual(["done b", "failed: bad", "done c"]);
    expect(r.transactions).toEqual([["a"], ["b", "bad", "c"], ["b"], ["bad"], ["c"]]);
  });
});
