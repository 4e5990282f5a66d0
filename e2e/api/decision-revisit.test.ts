// Decisions that come due (issue 18): a decision with a revisit time and a rollback trigger nudges on the war room
// once its time has come, and the commander (or the decider, or an admin) records the outcome — one decision_outcome
// entry linked to it; kept may set the next revisit, and the nudge goes. Against the real server and Postgres.
import { beforeAll, describe, expect, it } from "vitest";
import { applyEntries, type IncidentView } from "@/lib/domain/incident-view";
import { api, createOrg, declare, testDb, type TestOrg, type TestUser } from "./factories";

let org: TestOrg;
let ic: TestUser;
let other: TestUser;
beforeAll(async () => {
  org = await createOrg();
  [ic, other] = await Promise.all([org.user("responder"), org.user("responder")]);
});

const view = async (ref: string) => (await api<IncidentView>("GET", `/api/v1/incidents/${ref}`, { token: ic.token })).body;
const nudgesOf = async (ref: string) => ((await api("GET", "/api/v1/dashboard", { token: ic.token })).body.active.find((i: { ref: string }) => i.ref === ref)?.nudges ?? []) as { kind: string; message: string; action: { kind: string; decisionId?: string } }[];

describe("a decision that comes due", () => {
  it("refuses a revisit time past or beyond a week, nudges once due, and the outcome clears or moves it", async () => {
    const ref = (await declare(ic.token, { title: "Revisit", severity: "SEV2" })).body.ref as string;
    const soon = new Date(Date.now() + 30 * 60_000).toISOString();
    for (const revisitAt of [new Date(Date.now() - 1000).toISOString(), new Date(Date.now() + 8 * 24 * 3_600_000).toISOString()]) {
      const res = await api("POST", `/api/v1/incidents/${ref}/decisions`, { token: ic.token, body: { decision: "Stay on eu-central", rationale: "r", revisitAt } });
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toHaveProperty("revisitAt");
    }
    const made = await api("POST", `/api/v1/incidents/${ref}/decisions`, {
      token: ic.token,
      body: { decision: "Stay on eu-central", rationale: "eu-west edge unhealthy", revisitAt: soon, rollbackTrigger: "eu-central p99 above 800 ms", rollbackLink: "https://grafana.example/d/eu" },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const id = made.body.id as string;
    expect((await view(ref)).decisions[0]).toMatchObject({ id, revisitAt: soon, rollbackTrigger: "eu-central p99 above 800 ms", rollbackLink: "https://grafana.example/d/eu", outcome: null });
    expect((await nudgesOf(ref)).some((n) => n.kind === "decision_due")).toBe(false);

    // Its time has come.
    await testDb().decision.update({ where: { id }, data: { revisitAt: new Date(Date.now() - 60_000) } });
    expect(await nudgesOf(ref)).toContainEqual(
      expect.objectContaining({ kind: "decision_due", message: "Time to revisit “Stay on eu-central” (roll back if eu-central p99 above 800 ms): kept, reversed or amended?", action: expect.objectContaining({ kind: "decision_outcome", decisionId: id }) }),
    );

    // Someone who neither commands nor decided cannot record it; a note is required; reversed takes no revisit.
    expect((await api("POST", `/api/v1/incidents/${ref}/decisions/${id}/outcome`, { token: other.token, body: { outcome: "kept", note: "fine" } })).status).toBe(403);
    const noNote = await api("POST", `/api/v1/incidents/${ref}/decisions/${id}/outcome`, { token: ic.token, body: { outcome: "kept", note: "" } });
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.fields).toHaveProperty("note");
    expect((await api("POST", `/api/v1/incidents/${ref}/decisions/${id}/outcome`, { token: ic.token, body: { outcome: "reversed", note: "x", revisitAt: soon } })).body.error.fields).toHaveProperty("revisitAt");
    expect((await api("POST", `/api/v1/incidents/${ref}/decisions/nope/outcome`, { token: ic.token, body: { outcome: "kept", note: "x" } })).status).toBe(404);

    const before = await view(ref);
    const again = new Date(Date.now() + 60 * 60_000).toISOString();
    const kept = await api("POST", `/api/v1/incidents/${ref}/decisions/${id}/outcome`, { token: ic.token, body: { outcome: "kept", note: "p99 at 310 ms for an hour", revisitAt: again } });
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    expect(kept.body.entry).toMatchObject({ kind: "decision_outcome", data: { decisionId: id, decision: "Stay on eu-central", outcome: "kept", note: "p99 at 310 ms for an hour", revisitAt: again } });
    const after = await view(ref);
    expect(after.decisions[0]).toMatchObject({ revisitAt: again, outcome: { kind: "kept", note: "p99 at 310 ms for an hour", by: { handle: ic.handle } } });
    expect(applyEntries(before, (await api("GET", `/api/v1/incidents/${ref}/timeline?after=${before.lastSeq}`, { token: ic.token })).body.items).view).toEqual(after);
    expect((await nudgesOf(ref)).some((n) => n.kind === "decision_due")).toBe(false);

    const reversed = await api("POST", `/api/v1/incidents/${ref}/decisions/${id}/outcome`, { token: ic.token, body: { outcome: "reversed", note: "p99 climbed to 900 ms" } });
    expect(reversed.status).toBe(200);
    expect((await view(ref)).decisions[0]).toMatchObject({ revisitAt: null, outcome: { kind: "reversed" } });
  });
});
