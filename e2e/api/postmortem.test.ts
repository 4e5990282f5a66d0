// Postmortems and action items through the API against the real server and
// Postgres: started pre-filled from a resolved incident only, sections saved
// with optimistic concurrency (of two saves on one version exactly one wins and
// the other gets the winner's text: nothing lost), the review workflow, viewers
// refused on every write, private incidents hidden, action items tracked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECTION_KEYS } from "@/lib/domain/postmortem/sections";
import { api, createOrg, declare, testDb, type TestOrg, type TestUser } from "./factories";

let org: TestOrg;
let ic: TestUser;
let responder: TestUser;
let viewer: TestUser;
let bot: TestUser;
let outsider: TestUser;

beforeAll(async () => {
  org = await createOrg();
  [ic, responder, viewer, bot, outsider] = await Promise.all([
    org.user("responder"),
    org.user("responder"),
    org.user("viewer"),
    org.user("responder", { automation: true }),
    org.user("responder"),
  ]);
});

afterAll(async () => {
  await testDb().$disconnect();
});

const ALL_CRITERIA = { servicesRestored: true, customerImpactEnded: true, metricsNormal: true, noResidualIssue: true };

async function resolvedIncident(body: Record<string, unknown> = {}): Promise<string> {
  const declared = await declare(ic.token, { title: "EU checkout 502s", severity: "SEV1", ...body });
  expect(declared.status).toBe(201);
  const ref = declared.body.ref as string;
  const resolved = await api("PATCH", `/api/v1/incidents/${ref}`, {
    token: ic.token,
    body: { version: declared.body.version, status: "resolved", reason: "Error rate normal for 30 min", resolution: ALL_CRITERIA },
  });
  expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
  return ref;
}

async function startPostmortem(ref: string, token = ic.token) {
  const res = await api("POST", `/api/v1/incidents/${ref}/postmortem`, { token, body: {} });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const sectionOf = (pm: { sections: { key: string; body: string; version: number }[] }, key: string) => pm.sections.find((s) => s.key === key)!;

describe("starting a postmortem", () => {
  it("is refused (409) while the incident is active, and writes nothing", async () => {
    const active = await declare(ic.token, { title: "Still burning" });
    const res = await api("POST", `/api/v1/incidents/${active.body.ref}/postmortem`, { token: ic.token, body: {} });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/resolved/);
    const get = await api("GET", `/api/v1/incidents/${active.body.ref}/postmortem`, { token: ic.token });
    expect(get.status).toBe(404);
    expect(get.body.error.details).toEqual({ incidentStatus: "investigating", canStart: false });
  });

  it("creates every section pre-filled from the resolved incident, including what automation did; a second start is a 409", async () => {
    const declared = await declare(ic.token, { title: "Payments timeouts", severity: "SEV2", summary: "Card payments timed out." });
    const ref = declared.body.ref as string;
    const note = await api("POST", `/api/v1/incidents/${ref}/timeline`, { token: bot.token, body: { body: "Auto-remediation restarted payments-api pods" } });
    expect(note.status).toBe(201);
    const decision = await api("POST", `/api/v1/incidents/${ref}/decisions`, { token: ic.token, body: { decision: "Fail over to the standby PSP", rationale: "Primary PSP latency" } });
    expect(decision.status).toBe(201);
    const resolved = await api("PATCH", `/api/v1/incidents/${ref}`, { token: ic.token, body: { version: 1, status: "resolved", reason: "Latency normal", resolution: ALL_CRITERIA } });
    expect(resolved.status).toBe(200);

    const pm = await startPostmortem(ref);
    expect(pm).toMatchObject({ status: "draft", revision: 1, title: "Payments timeouts", incident: { ref, status: "resolved" }, transitions: ["in_review"] });
    expect(pm.sections.map((s: { key: string }) => s.key)).toEqual(SECTION_KEYS);
    expect(pm.sections.every((s: { version: number }) => s.version === 1)).toBe(true);
    expect(sectionOf(pm, "summary").body).toContain("Card payments timed out.");
    expect(sectionOf(pm, "impact").body).toContain("Severity: **SEV2**");
    expect(sectionOf(pm, "impact").body).toMatch(/Detected → resolved: \d+s/);
    expect(sectionOf(pm, "timeline").body).toContain("Decision: Fail over to the standby PSP");
    expect(sectionOf(pm, "timeline").body).toContain("Status: investigating → resolved: Latency normal");
    expect(sectionOf(pm, "automation").body).toContain(`Auto-remediation restarted payments-api pods (@${bot.handle}, automation)`);
    expect(sectionOf(pm, "automation").body).not.toContain("standby PSP");

    const again = await api("POST", `/api/v1/incidents/${ref}/postmortem`, { token: responder.token, body: {} });
    expect(again.status).toBe(409);
    const got = await api("GET", `/api/v1/incidents/${ref}/postmortem`, { token: viewer.token });
    expect(got.status).toBe(200);
    expect(got.body.id).toBe(pm.id);
  });

  it("two people starting at once: one postmortem, one 201 and one 409", async () => {
    const ref = await resolvedIncident();
    const results = await Promise.all([ic, responder].map((u) => api("POST", `/api/v1/incidents/${ref}/postmortem`, { token: u.token, body: {} })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await testDb().postmortem.count({ where: { incident: { orgId: org.id, number: Number(ref.slice(4)) } } })).toBe(1);
  });
});

describe("sections: several editors, nothing lost", () => {
  it("of two saves on the same version exactly one wins; the other gets 409 with the winner's body and version", async () => {
    const ref = await resolvedIncident();
    await startPostmortem(ref);
    const path = `/api/v1/incidents/${ref}/postmortem/sections/contributing_factors`;
    const texts = { [ic.token]: "The pipeline let a config without the chain through.", [responder.token]: "Cert rotation had no canary." };
    const [a, b] = await Promise.all([ic, responder].map((u) => api("PATCH", path, { token: u.token, body: { body: texts[u.token], version: 1 } })));
    expect([a!.status, b!.status].sort()).toEqual([200, 409]);
    const [winner, loser] = a!.status === 200 ? [a!, b!] : [b!, a!];
    const winnerText = winner.body.section.body as string;
    expect(Object.values(texts)).toContain(winnerText);
    expect(winner.body.section.version).toBe(2);
    expect(loser.body.error.code).toBe("conflict");
    expect(loser.body.error.details).toMatchObject({ key: "contributing_factors", version: 2, body: winnerText, updatedBy: { handle: expect.any(String) } });

    // Nothing lost: the loser merges with the version it was given and saves both texts.
    const merged = `${loser.body.error.details.body}\n\n${Object.values(texts).find((t) => t !== winnerText)}`;
    const retry = await api("PATCH", path, { token: a!.status === 409 ? ic.token : responder.token, body: { body: merged, version: loser.body.error.details.version } });
    expect(retry.status).toBe(200);
    const pm = (await api("GET", `/api/v1/incidents/${ref}/postmortem`, { token: ic.token })).body;
    expect(sectionOf(pm, "contributing_factors")).toMatchObject({ version: 3, body: merged });
    for (const text of Object.values(texts)) expect(sectionOf(pm, "contributing_factors").body).toContain(text);
  });

  it("different sections save independently with their own versions", async () => {
    const ref = await resolvedIncident();
    await startPostmortem(ref);
    const [a, b] = await Promise.all([
      api("PATCH", `/api/v1/incidents/${ref}/postmortem/sections/detection`, { token: ic.token, body: { body: "Alert fired in 1m.", version: 1 } }),
      api("PATCH", `/api/v1/incidents/${ref}/postmortem/sections/mitigation`, { token: responder.token, body: { body: "Rolled back.", version: 1 } }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const pm = (await api("GET", `/api/v1/incidents/${ref}/postmortem`, { token: ic.token })).body;
    expect(sectionOf(pm, "detection")).toMatchObject({ body: "Alert fired in 1m.", version: 2 });
    expect(sectionOf(pm, "mitigation")).toMatchObject({ body: "Rolled back.", version: 2 });
    expect(sectionOf(pm, "summary").version).toBe(1);
  });

  it("an unknown section is a 404 and a missing version a 400", async () => {
    const ref = await resolvedIncident();
    await startPostmortem(ref);
    expect((await api("PATCH", `/api/v1/incidents/${ref}/postmortem/sections/nope`, { token: ic.token, body: { body: "x", version: 1 } })).status).toBe(404);
    const noVersion = await api("PATCH", `/api/v1/incidents/${ref}/postmortem/sections/summary`, { token: ic.token, body: { body: "x" } });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.error.fields).toHaveProperty("version");
  });
});

describe("review workflow", () => {
  it("draft → in review → published; publishing without review is a 409; an edit after publishing starts revision 2 as a draft", async () => {
    const ref = await resolvedIncident();
    await startPostmortem(ref);
    const patch = (status: string) => api("PATCH", `/api/v1/incidents/${ref}/postmortem`, { token: ic.token, body: { status } });
    const early = await patch("published");
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/review first/);
    expect((await patch("in_review")).body).toMatchObject({ status: "in_review", transitions: ["draft", "published"] });
    const published = await patch("published");
    expect(published.body).toMatchObject({ status: "published", revision: 1, publishedAt: expect.any(String) });
    expect((await patch("published")).status).toBe(409);

    const edit = await api("PATCH", `/api/v1/incidents/${ref}/postmortem/sections/summary`, {
      token: responder.token,
      body: { body: "Corrected summary", version: sectionOf(published.body, "summary").version },
    });
    expect(edit.status).toBe(200);
    expect(edit.body.postmortem).toEqual({ status: "draft", revision: 2 });
    const audit = await testDb().auditLog.findFirst({ where: { orgId: org.id, action: "postmortem.section_save", targetId: published.body.id }, orderBy: { at: "desc" } });
    expect(audit?.data).toMatchObject({ reopenedFromRevision: 1, key: "summary" });
  });
});

describe("viewers and private incidents", () => {
  it("a viewer reads but gets 403 on every write, and nothing changes", async () => {
    const ref = await resolvedIncident();
    const pm = await startPostmortem(ref);
    const item = await api("POST", "/api/v1/action-items", { token: ic.token, body: { title: "Chain check in CI", owner: responder.handle, dueAt: "2030-01-01", kind: "prevent", incident: ref } });
    expect(item.status).toBe(201);
    const other = await resolvedIncident();
    const writes: [string, string, unknown][] = [
      ["POST", `/api/v1/incidents/${other}/postmortem`, {}],
      ["PATCH", `/api/v1/incidents/${ref}/postmortem/sections/summary`, { body: "viewer text", version: 1 }],
      ["PATCH", `/api/v1/incidents/${ref}/postmortem`, { status: "in_review" }],
      ["POST", "/api/v1/action-items", { title: "x", owner: viewer.handle, dueAt: "2030-01-01", kind: "process" }],
      ["PATCH", `/api/v1/action-items/${item.body.id}`, { version: 1, status: "done" }],
    ];
    for (const [method, path, body] of writes) {
      const res = await api(method, path, { token: viewer.token, body });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    const after = (await api("GET", `/api/v1/incidents/${ref}/postmortem`, { token: viewer.token })).body;
    expect(after).toMatchObject({ status: "draft", revision: 1 });
    expect(sectionOf(after, "summary")).toEqual(sectionOf(pm, "summary"));
    expect(after.actionItems).toMatchObject([{ id: item.body.id, status: "open", version: 1 }]);
    expect((await api("GET", `/api/v1/incidents/${other}/postmortem`, { token: ic.token })).status).toBe(404);
  });

  it("a private incident's postmortem and action items do not exist for non-members", async () => {
    const ref = await resolvedIncident({ private: true });
    await startPostmortem(ref);
    const item = await api("POST", "/api/v1/action-items", { token: ic.token, body: { title: "Rotate leaked key", owner: ic.handle, dueAt: "2030-01-01", kind: "mitigate", incident: ref } });
    expect(item.status).toBe(201);
    expect((await api("GET", `/api/v1/incidents/${ref}/postmortem`, { token: outsider.token })).status).toBe(404);
    expect((await api("PATCH", `/api/v1/incidents/${ref}/postmortem/sections/summary`, { token: outsider.token, body: { body: "x", version: 1 } })).status).toBe(404);
    expect((await api("PATCH", `/api/v1/action-items/${item.body.id}`, { token: outsider.token, body: { version: 1, status: "done" } })).status).toBe(404);
    const outsiderList = await api("GET", "/api/v1/action-items", { token: outsider.token });
    expect(outsiderList.body.items.map((i: { id: string }) => i.id)).not.toContain(item.body.id);
    const memberList = await api("GET", "/api/v1/action-items", { token: ic.token });
    expect(memberList.body.items.map((i: { id: string }) => i.id)).toContain(item.body.id);
  });
});

describe("action items", () => {
  it("lifecycle: created with owner and due date, in progress, won't do needs a reason, stale version 409, done, verified", async () => {
    const ref = await resolvedIncident();
    await startPostmortem(ref);
    const created = await api("POST", "/api/v1/action-items", {
      token: ic.token,
      body: { title: "Alert on TLS chain errors", owner: responder.email, dueAt: "2030-02-01", priority: "P2", kind: "detect", trackerUrl: "https://tracker.example/OPS-1", incident: ref },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      owner: { handle: responder.handle },
      dueAt: "2030-02-01T23:59:59.999Z",
      priority: "P2",
      kind: "detect",
      status: "open",
      version: 1,
      overdue: false,
      incident: { ref, severity: "SEV1" },
    });
    const id = created.body.id as string;
    const path = `/api/v1/action-items/${id}`;

    const started = await api("PATCH", path, { token: responder.token, body: { version: 1, status: "in_progress" } });
    expect(started.body).toMatchObject({ status: "in_progress", version: 2 });

    const noReason = await api("PATCH", path, { token: responder.token, body: { version: 2, status: "wont_do" } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields).toHaveProperty("reason");

    const stale = await api("PATCH", path, { token: ic.token, body: { version: 1, title: "Overwrite" } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toEqual({ version: 2 });

    const verifyEarly = await api("PATCH", path, { token: responder.token, body: { version: 2, status: "verified" } });
    expect(verifyEarly.status).toBe(409);

    const wont = await api("PATCH", path, { token: responder.token, body: { version: 2, status: "wont_do", reason: "Covered by OPS-2" } });
    expect(wont.body).toMatchObject({ status: "wont_do", statusReason: "Covered by OPS-2", version: 3, title: "Alert on TLS chain errors" });
    const reopened = await api("PATCH", path, { token: responder.token, body: { version: 3, status: "open" } });
    expect(reopened.body).toMatchObject({ status: "open", statusReason: null, version: 4 });
    const done = await api("PATCH", path, { token: responder.token, body: { version: 4, status: "done" } });
    const verified = await api("PATCH", path, { token: ic.token, body: { version: done.body.version, status: "verified" } });
    expect(verified.body).toMatchObject({ status: "verified", version: 6 });

    const badUrl = await api("PATCH", path, { token: ic.token, body: { version: 6, trackerUrl: "javascript:alert(1)" } });
    expect(badUrl.status).toBe(400);
    const twoOwners = await api("POST", "/api/v1/action-items", { token: ic.token, body: { title: "x", owner: [ic.handle, responder.handle], dueAt: "2030-01-01", kind: "process" } });
    expect(twoOwners.status).toBe(400);
    const pm = (await api("GET", `/api/v1/incidents/${ref}/postmortem`, { token: ic.token })).body;
    expect(pm.actionItems).toMatchObject([{ id, status: "verified" }]);
  });

  it("are listed across incidents with filters: owner, team, overdue, incident; a SEV1 review without a prevent item says so", async () => {
    const [refA, refB] = [await resolvedIncident(), await resolvedIncident({ severity: "SEV3" })];
    const pmA = await startPostmortem(refA);
    expect(pmA.missingPreventItem).toBe(true);
    await startPostmortem(refB);
    const team = await testDb().team.create({ data: { orgId: org.id, key: `t-${Date.now()}`, name: "Edge" } });
    await testDb().teamMember.create({ data: { teamId: team.id, userId: responder.id } });
    const make = async (body: Record<string, unknown>) => {
      const res = await api("POST", "/api/v1/action-items", { token: ic.token, body: { kind: "process", ...body } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    const overdue = await make({ title: "Overdue runbook", owner: responder.handle, dueAt: "2020-01-01", incident: refA });
    const prevent = await make({ title: "Prevent it", owner: ic.handle, dueAt: "2030-01-01", incident: refA, kind: "prevent" });
    const onB = await make({ title: "On B", owner: responder.handle, dueAt: "2031-01-01", incident: refB });

    const ids = async (q: string) => {
      const res = await api("GET", `/api/v1/action-items${q}`, { token: viewer.token });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.items.map((i: { id: string }) => i.id) as string[];
    };
    expect(await ids(`?incident=${refA}`)).toEqual([overdue, prevent]);
    expect(await ids(`?incident=${refB}`)).toEqual([onB]);
    expect(await ids(`?owner=${responder.handle}&incident=${refA}`)).toEqual([overdue]);
    expect(await ids(`?team=${team.key}`)).toEqual(expect.arrayContaining([overdue, onB]));
    expect(await ids(`?team=${team.key}`)).not.toContain(prevent);
    expect(await ids(`?overdue=true`)).toContain(overdue);
    expect(await ids(`?overdue=true`)).not.toContain(prevent);
    const listed = await api("GET", `/api/v1/action-items?incident=${refA}`, { token: viewer.token });
    expect(listed.body.items[0]).toMatchObject({ id: overdue, overdue: true, incident: { ref: refA } });
    expect((await api("GET", "/api/v1/action-items?overdue=maybe", { token: viewer.token })).status).toBe(400);

    const pmAfter = (await api("GET", `/api/v1/incidents/${refA}/postmortem`, { token: ic.token })).body;
    expect(pmAfter.missingPreventItem).toBe(false);
  });
});

describe("export", () => {
  it("is a Markdown download with every section and the action items", async () => {
    const ref = await resolvedIncident();
    const pm = await startPostmortem(ref);
    await api("PATCH", `/api/v1/incidents/${ref}/postmortem/sections/lessons_learned`, { token: ic.token, body: { body: "### What went well\n\nThe rollback took 2 minutes.", version: 1 } });
    await api("POST", "/api/v1/action-items", { token: ic.token, body: { title: "Canary cert rotation", owner: ic.handle, dueAt: "2030-01-01", kind: "prevent", incident: ref } });
    const res = await fetch(`${(await import("./factories")).baseUrl()}/api/v1/incidents/${ref}/postmortem/export.md`, { headers: { authorization: `Bearer ${viewer.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/markdown/);
    expect(res.headers.get("content-disposition")).toContain(`${ref}-postmortem-r1.md`);
    const md = await res.text();
    const headings = md.split("\n").filter((l) => l.startsWith("## ")).map((l) => l.slice(3));
    expect(headings).toEqual(pm.sections.map((s: { title: string }) => s.title));
    expect(md).toContain("The rollback took 2 minutes.");
    expect(md).toContain(`| Canary cert rotation | @${ic.handle} | 2030-01-01 | P3 | prevent | Open |`);
  });
});
