// Promises kept (issue 18): every update's time and the next it promised are on the live view (`updateLog`), from
// updates posted alone and with a status change, so the page's "updates on time: 7 of 9" and the postmortem's record
// read the same history a late viewer's snapshot and a live viewer's entries both give.
import { beforeAll, describe, expect, it } from "vitest";
import { applyEntries, type IncidentView } from "@/lib/domain/incident-view";
import { promiseRecord } from "@/lib/domain/promises";
import { api, createOrg, declare, testDb, type TestOrg, type TestUser } from "./factories";

let org: TestOrg;
let ic: TestUser;
beforeAll(async () => {
  org = await createOrg();
  ic = await org.user("responder");
});

const view = async (ref: string) => (await api<IncidentView>("GET", `/api/v1/incidents/${ref}`, { token: ic.token })).body;

describe("the update log", () => {
  it("records each update's promise, alone or with mitigating; a late one is late by what the database says", async () => {
    const ref = (await declare(ic.token, { title: "Promises", severity: "SEV2" })).body.ref as string;
    const start = await view(ref);
    expect(start.updateLog).toEqual([]);

    const first = await api("POST", `/api/v1/incidents/${ref}/updates`, { token: ic.token, body: { condition: "EU checkout 502s", action: "Rolling back", nextUpdateInMinutes: 20 } });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    // The promise came due six minutes ago with no update: overdue by six minutes.
    const due = new Date(Date.now() - 6 * 60_000);
    const incident = await testDb().incident.findFirstOrThrow({ where: { orgId: org.id, number: Number(ref.slice(4)) } });
    await testDb().statusUpdate.updateMany({ where: { incidentId: incident.id }, data: { nextUpdateDueAt: due } });
    const overdue = promiseRecord((await view(ref)).updateLog, new Date());
    expect(overdue.promises.map((p) => p.state)).toEqual(["overdue"]);
    expect(Math.round(overdue.overdueMs! / 60_000)).toBe(6);

    const before = await view(ref);
    const mitigated = await api("PATCH", `/api/v1/incidents/${ref}`, { token: ic.token, body: { version: before.version, status: "mitigated", reason: "Rolled back", update: { condition: "Errors back to normal", action: "Watching", need: "" } } });
    expect(mitigated.status, JSON.stringify(mitigated.body)).toBe(200);
    const after = await view(ref);
    expect(after.updateLog).toHaveLength(2);
    expect(after.updateLog[1]!.nextUpdateDueAt).toEqual(expect.any(String));
    const record = promiseRecord(after.updateLog, new Date());
    expect(record.promises[0]).toMatchObject({ state: "late", keptAt: after.updateLog[1]!.at });
    expect(record).toMatchObject({ due: 1, onTime: 0 });
    // The entries after the snapshot give the same log as the server's view.
    const entries = (await api("GET", `/api/v1/incidents/${ref}/timeline?after=${before.lastSeq}`, { token: ic.token })).body.items;
    expect(applyEntries(before, entries).view.updateLog).toEqual(after.updateLog);
  });
});
