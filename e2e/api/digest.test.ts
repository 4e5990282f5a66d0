// Since you last looked (issue 18): each person's read marker, and the digest of what others changed after it, read
// from the timeline. The five changes one person makes are exactly the other's digest; one's own entries are never in it.
import { beforeAll, describe, expect, it } from "vitest";
import type { Digest } from "@/lib/domain/digest";
import { api, createOrg, declare, type TestOrg, type TestUser } from "./factories";

let org: TestOrg;
let ana: TestUser;
let bob: TestUser;
let exec: TestUser;
beforeAll(async () => {
  org = await createOrg();
  ana = await org.user("responder");
  bob = await org.user("responder");
  exec = await org.user("viewer");
});

const digest = async (ref: string, who: TestUser, query = "") => {
  const res = await api<Digest>("GET", `/api/v1/incidents/${ref}/digest${query}`, { token: who.token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const read = (ref: string, who: TestUser, seq: unknown) => api("PUT", `/api/v1/incidents/${ref}/read`, { token: who.token, body: { seq } });
const lastSeq = async (ref: string) => (await api("GET", `/api/v1/incidents/${ref}`, { token: ana.token })).body.lastSeq as number;
async function ok(method: string, path: string, token: string, body: unknown) {
  const res = await api(method, path, { token, body });
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body;
}

describe("since you last looked", () => {
  it("a first visit is the brief from the declaration; after five changes by ana, bob's digest lists exactly those five", async () => {
    const ref = (await declare(ana.token, { title: "Checkout 502s", severity: "SEV3" })).body.ref as string;
    const first = await digest(ref, bob);
    expect(first).toMatchObject({ since: 0, upTo: 1, firstVisit: true, lastReadAt: null, latestUpdate: null, otherEntries: 0 });
    expect(first.items).toEqual([expect.objectContaining({ seq: 1, kind: "declared", topic: "state", author: expect.objectContaining({ handle: ana.handle }) })]);
    // The declarer's own entry is not news to her.
    expect((await digest(ref, ana)).items).toEqual([]);

    const seen = await read(ref, bob, 1);
    expect(seen.status, JSON.stringify(seen.body)).toBe(200);
    expect(seen.body).toMatchObject({ seq: 1, at: expect.any(String) });

    const path = `/api/v1/incidents/${ref}`;
    await ok("PATCH", path, ana.token, { version: 1, severity: "SEV1", reason: "EU down too" });
    await ok("POST", `${path}/decisions`, ana.token, { decision: "Roll back 4.2", rationale: "Errors began with it" });
    await ok("POST", `${path}/board`, ana.token, { kind: "blocker", text: "No access to the EU VPN" });
    const ws = await ok("POST", `${path}/workstreams`, ana.token, { title: "Rollback", goal: "4.1 everywhere" });
    await ok("POST", `${path}/timeline`, ana.token, { body: "Looking at the pool" });
    await ok("PATCH", `${path}/workstreams/${ws.id}`, ana.token, { version: ws.version, status: "blocked" });
    await ok("POST", `${path}/updates`, ana.token, { condition: "EU checkout failing", action: "Rolling back", need: "" });
    // Bob's own note after his marker: not in his digest, and not among the others' entries.
    await ok("POST", `${path}/timeline`, bob.token, { body: "I can get VPN access" });

    const d = await digest(ref, bob);
    expect(d).toMatchObject({ since: 1, upTo: await lastSeq(ref), firstVisit: false, lastReadAt: seen.body.at, truncated: false });
    expect(d.items.map((i) => [i.topic, i.text])).toEqual([
      ["state", "Severity SEV3 → SEV1: EU down too"],
      ["decision", "Decided: Roll back 4.2 — because Errors began with it"],
      ["blocker", "No access to the EU VPN"],
      ["workstream", "“Rollback” is blocked"],
    ]);
    expect(d.latestUpdate).toMatchObject({ condition: "EU checkout failing", action: "Rolling back", author: expect.objectContaining({ handle: ana.handle }) });
    // Five lines in all (four and the update); the workstream's creation and ana's note are the two others.
    expect(d.otherEntries).toBe(2);
    // Ana's own digest has none of it; only bob's note.
    const anas = await digest(ref, ana, "?since=1");
    expect(anas.items).toEqual([]);
    expect(anas).toMatchObject({ latestUpdate: null, otherEntries: 1, lastReadAt: null });
    // An explicit since reads from there, whatever the marker; one beyond the last entry reads nothing.
    expect((await digest(ref, bob, "?since=2")).items.map((i) => i.topic)).toEqual(["decision", "blocker", "workstream"]);
    expect((await digest(ref, bob, "?since=999")).items).toEqual([]);

    // Marked as read: the next digest is empty, and an older seq (another tab) never moves the marker back.
    const upTo = d.upTo;
    expect((await read(ref, bob, upTo)).body.seq).toBe(upTo);
    expect((await read(ref, bob, 2)).body.seq).toBe(upTo);
    expect(await digest(ref, bob)).toMatchObject({ since: upTo, items: [], latestUpdate: null, otherEntries: 0 });
  });

  it("refuses a marker beyond the last entry or malformed (400 naming seq) and a malformed since", async () => {
    const ref = (await declare(ana.token, { title: "Marker limits" })).body.ref as string;
    const beyond = await read(ref, bob, 2);
    expect(beyond.status).toBe(400);
    expect(beyond.body.error.fields).toHaveProperty("seq");
    for (const seq of [-1, "x", 1.5, null]) {
      const res = await read(ref, bob, seq);
      expect(res.status, String(seq)).toBe(400);
      expect(res.body.error.fields, String(seq)).toHaveProperty("seq");
    }
    const extra = await api("PUT", `/api/v1/incidents/${ref}/read`, { token: bob.token, body: { seq: 1, user: ana.handle } });
    expect(extra.status).toBe(400);
    const since = await api("GET", `/api/v1/incidents/${ref}/digest?since=-1`, { token: bob.token });
    expect(since.status).toBe(400);
    expect(since.body.error.fields).toHaveProperty("since");
    // Nothing was stored by the refusals: bob still has never looked.
    expect((await digest(ref, bob)).firstVisit).toBe(true);
  });

  it("a viewer keeps a marker of their own; a private incident does not exist for a non-member, on either route", async () => {
    const ref = (await declare(ana.token, { title: "Viewer reads" })).body.ref as string;
    expect((await read(ref, exec, 1)).status).toBe(200);
    expect(await digest(ref, exec)).toMatchObject({ since: 1, firstVisit: false });
    // Each person's marker is their own.
    expect((await digest(ref, bob)).firstVisit).toBe(true);

    const secret = (await declare(ana.token, { title: "Private thing", private: true })).body.ref as string;
    expect((await digest(secret, ana)).upTo).toBe(1);
    const hidden = await api("GET", `/api/v1/incidents/${secret}/digest`, { token: bob.token });
    expect(hidden.status).toBe(404);
    expect((await read(secret, bob, 1)).status).toBe(404);
  });
});
