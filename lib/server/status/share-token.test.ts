import { describe, expect, it } from "vitest";
import { signShareToken, verifyShareToken } from "./share-token";

const SECRET = "a-test-secret-of-at-least-32-characters!!";
const now = new Date("2026-01-01T12:00:00Z");
const inADay = new Date("2026-01-02T12:00:00.750Z");
const id = "cmabc123def456ghi789";

describe("share link tokens", () => {
  it("round-trip: id and expiry (whole seconds) come back", () => {
    const token = signShareToken(id, inADay, SECRET);
    expect(token).toMatch(new RegExp(`^${id}\\.${Math.floor(inADay.getTime() / 1000)}\\.[A-Za-z0-9_-]{43}$`));
    expect(verifyShareToken(token, SECRET, now)).toEqual({ ok: true, id, exp: Math.floor(inADay.getTime() / 1000) });
  });

  it("reject another secret's signature", () => {
    expect(verifyShareToken(signShareToken(id, inADay, `${SECRET}x`), SECRET, now)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("reject a changed id or a pushed-back expiry", () => {
    const [, exp, sig] = signShareToken(id, inADay, SECRET).split(".");
    expect(verifyShareToken(`${id}x.${exp}.${sig}`, SECRET, now)).toEqual({ ok: false, reason: "bad_signature" });
    expect(verifyShareToken(`${id}.${Number(exp) + 3600}.${sig}`, SECRET, now)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("reject a flipped signature character", () => {
    const token = signShareToken(id, inADay, SECRET);
    const last = token.at(-2) === "A" ? "B" : "A";
    expect(verifyShareToken(`${token.slice(0, -2)}${last}${token.at(-1)}`, SECRET, now).ok).toBe(false);
  });

  it("expire at their expiry instant, saying which link it was", () => {
    const token = signShareToken(id, inADay, SECRET);
    expect(verifyShareToken(token, SECRET, new Date(Math.floor(inADay.getTime() / 1000) * 1000 - 1)).ok).toBe(true);
    expect(verifyShareToken(token, SECRET, new Date(Math.floor(inADay.getTime() / 1000) * 1000))).toEqual({ ok: false, reason: "expired", id });
  });

  it("reject malformed tokens without throwing", () => {
    const sig = signShareToken(id, inADay, SECRET).split(".")[2];
    for (const bad of ["", "abc", `${id}.${sig}`, `${id}..${sig}`, `${id}.12x.${sig}`, `${id}.123.${sig}.x`, `../${id}.123.${sig}`, `${id}.123.${sig}=`, `${id}.123.${sig!.slice(1)}`]) {
      expect(verifyShareToken(bad, SECRET, now)).toEqual({ ok: false, reason: "malformed" });
    }
  });
});
