// Ruling out records its evidence (issue 18): what was checked, by whom, a link — required to rule an item out and
// taken only then; it travels in the board entry's item (live viewers) and the snapshot (late ones); reopening the item
// lets it go. Against the real server and Postgres.
import { beforeAll, describe, expect, it } from "vitest";
import type { IncidentView } from "@/lib/domain/incident-view";
import { api, createOrg, declare, type TestUser } from "./factories";

let ic: TestUser;
let bob: TestUser;
beforeAll(async () => {
  const org = await createOrg();
  [ic, bob] = await Promise.all([org.user("responder"), org.user("responder")]);
});

const view = async (ref: string) => (await api<IncidentView>("GET", `/api/v1/incidents/${ref}`, { token: ic.token })).body;

describe("ruling out", () => {
  it("needs what was checked, records who and the link, and reopening lets the evidence go", async () => {
    const ref = (await declare(ic.token, { title: "Evidence" })).body.ref as string;
    const created = await api("POST", `/api/v1/incidents/${ref}/board`, { token: ic.token, body: { kind: "hypothesis", text: "The CDN cached v41", disproveBy: "Headers show v40" } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const before = await view(ref);

    const bare = await api("PATCH", `/api/v1/incidents/${ref}/board/${id}`, { token: ic.token, body: { version: 1, state: "ruled_out" } });
    expect(bare.status).toBe(400);
    expect(bare.body.error.fields.evidence).toMatch(/what was checked/);
    for (const [evidence, field] of [
      [{ checked: " " }, "evidence.checked"],
      [{ checked: "Headers", link: "javascript:alert(1)" }, "evidence.link"],
      [{ checked: "Headers", by: "nobody-here" }, "evidence.by"],
    ] as const) {
      const res = await api("PATCH", `/api/v1/incidents/${ref}/board/${id}`, { token: ic.token, body: { version: 1, state: "ruled_out", evidence } });
      expect(res.status, JSON.stringify(evidence)).toBe(400);
      expect(res.body.error.fields).toHaveProperty([field]);
    }
    const notRuling = await api("PATCH", `/api/v1/incidents/${ref}/board/${id}`, { token: ic.token, body: { version: 1, state: "confirmed", evidence: { checked: "x" } } });
    expect(notRuling.status).toBe(400);
    expect((await view(ref)).lastSeq).toBe(before.lastSeq);

    const ruled = await api("PATCH", `/api/v1/incidents/${ref}/board/${id}`, {
      token: ic.token,
      body: { version: 1, state: "ruled_out", evidence: { checked: "Purged and compared headers: v40 everywhere", by: bob.handle, link: "https://grafana.example/d/cdn" } },
    });
    expect(ruled.status, JSON.stringify(ruled.body)).toBe(200);
    const evidence = { checked: "Purged and compared headers: v40 everywhere", by: { handle: bob.handle, name: `Test ${bob.handle}` }, link: "https://grafana.example/d/cdn", at: expect.any(String) };
    expect(ruled.body).toMatchObject({ state: "ruled_out", evidence });
    expect(ruled.body.entry).toMatchObject({ kind: "board", data: { state: "ruled_out", changes: ["state", "evidence"], item: { evidence } } });
    expect((await view(ref)).board[0]).toMatchObject({ state: "ruled_out", evidence });

    const reopened = await api("PATCH", `/api/v1/incidents/${ref}/board/${id}`, { token: ic.token, body: { version: 2, state: "open" } });
    expect(reopened.status).toBe(200);
    expect(reopened.body.evidence).toBeNull();
    expect((await view(ref)).board[0]!.evidence).toBeNull();
  });
});
