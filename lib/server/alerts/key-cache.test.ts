import { beforeEach, describe, expect, it } from "vitest";
import { cachedKey, forgetKeys, keepKey, keyGeneration } from "./key-cache";

describe("integration key cache", () => {
  beforeEach(() => forgetKeys());

  it("keeps a read for 5 s, a known-missing key as null, and nothing it was not told", () => {
    const t = 1_000_000;
    keepKey("h1", { id: "k1" }, keyGeneration(), t);
    keepKey("h2", null, keyGeneration(), t);
    expect(cachedKey("h1", t + 5_000)).toEqual({ id: "k1" });
    expect(cachedKey("h2", t + 1)).toBeNull();
    expect(cachedKey("h3", t)).toBeUndefined();
    expect(cachedKey("h1", t + 5_001)).toBeUndefined();
  });

  it("forgets everything on a change, and does not keep a read that started before it", () => {
    const started = keyGeneration();
    keepKey("h1", { id: "k1" }, started);
    forgetKeys();
    expect(cachedKey("h1")).toBeUndefined();
    // A read that began before the change (a revoke) and ended after it may hold the old row: not kept.
    keepKey("h1", { id: "k1", revoked: false }, started);
    expect(cachedKey("h1")).toBeUndefined();
    keepKey("h1", null, keyGeneration());
    expect(cachedKey("h1")).toBeNull();
  });
});
