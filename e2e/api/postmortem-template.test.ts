// The organization's postmortem template against the real server: read by every
// role, replaced by admins only (zod: 400 with the field; stale version: 409),
// used by every new postmortem (incident reviews, near misses, positive retros)
// while existing ones keep their sections; the pre-fill still fills known keys.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SECTIONS, SECTION_KEYS } from "@/lib/domain/postmortem/sections";
import { api, createOrg, declare, testDb, type TestOrg, type TestUser } from "./factories";

let org: TestOrg;
let admin: TestUser;
let responder: TestUser;
let viewer: TestUser;

const PATH = "/api/v1/org/postmortem-template";
const ALL_CRITERIA = { servicesRestored: true, customerImpactEnded: true, metricsNormal: true, noResidualIssue: true };
const defaults = DEFAULT_SECTIONS.map(({ key, title, prompt }) => ({ key, title, prompt }));
const keysOf = (pm: { sections: { key: string }[] }) => pm.sections.map((s) => s.key);

beforeAll(async () => {
  org = await createOrg();
  [admin, responder, viewer] = await Promise.all([org.user("admin"), org.user("responder"), org.user("viewer")]);
});

afterAll(async () => {
  await testDb().$disconnect();
});

async function resolvedIncident(token: string, title: string): Promise<string> {
  const declared = await declare(token, { title, severity: "SEV2", summary: `${title}: what happened.` });
  expect(declared.status).toBe(201);
  const resolved = await api("PATCH", `/api/v1/incidents/${declared.body.ref}`, { token, body: { version: declared.body.version, status: "resolved", reason: "ok", resolution: ALL_CRITERIA } });
  expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
  return declared.body.ref as string;
}

describe("the organization's template", () => {
  it("is the default until an admin saves one: every role reads it, with version 0 and the required sections marked", async () => {
    const fresh = await createOrg();
    const reader = await fresh.user("viewer");
    const res = await api("GET", PATH, { token: reader.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 0, custom: false, updatedBy: null });
    expect(keysOf(res.body)).toEqual(SECTION_KEYS);
    expect(res.body.sections.find((s: { key: string }) => s.key === "automation")).toMatchObject({ title: "Automation and AI involvement", required: true, prefilled: true });
    expect(res.body.sections.find((s: { key: string }) => s.key === "impact")).toMatchObject({ required: false });
    expect(res.body.defaults).toEqual(defaults);
  });

  it("only admins replace it; invalid templates are a 400 naming the field, and nothing is stored", async () => {
    const forbidden = await api("PUT", PATH, { token: responder.token, body: { version: 0, sections: defaults } });
    expect(forbidden.status).toBe(403);
    expect((await api("PUT", PATH, { token: viewer.token, body: { version: 0, sections: defaults } })).status).toBe(403);

    const withoutAutomation = await api("PUT", PATH, { token: admin.token, body: { version: 0, sections: defaults.filter((s) => s.key !== "automation") } });
    expect(withoutAutomation.status).toBe(400);
    expect(withoutAutomation.body.error.fields.sections).toMatch(/automation/);

    const duplicate = await api("PUT", PATH, { token: admin.token, body: { version: 0, sections: [...defaults, { key: "impact", title: "Impact, again" }] } });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.error.fields[`sections.${defaults.length}.key`]).toMatch(/Duplicate key impact/);

    const badKey = await api("PUT", PATH, { token: admin.token, body: { version: 0, sections: [...defaults, { key: "Customer Comms", title: "Comms" }] } });
    expect(badKey.status).toBe(400);
    expect(badKey.body.error.fields).toHaveProperty(`sections.${defaults.length}.key`);

    const noVersion = await api("PUT", PATH, { token: admin.token, body: { sections: defaults } });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.error.fields).toHaveProperty("version");

    expect((await api("GET", PATH, { token: admin.token })).body).toMatchObject({ version: 0, custom: false });
  });

  it("new postmortems use it — custom section with its prompt, optional ones removed, new order — existing ones keep theirs, and the pre-fill fills known keys", async () => {
    // Started under the default.
    const before = await resolvedIncident(responder.token, "Before the template");
    const old = await api("POST", `/api/v1/incidents/${before}/postmortem`, { token: responder.token, body: {} });
    expect(old.status).toBe(201);
    expect(keysOf(old.body)).toEqual(SECTION_KEYS);

    const sections = [
      defaults.find((s) => s.key === "summary")!,
      { key: "customer_communication", title: "Customer communication", prompt: "What did customers hear from us, and when?" },
      defaults.find((s) => s.key === "timeline")!,
      defaults.find((s) => s.key === "contributing_factors")!,
      { key: "automation", title: "Automation and AI", prompt: "What did bots and agents do?" },
      defaults.find((s) => s.key === "detection")!,
      defaults.find((s) => s.key === "action_items")!,
    ];
    const saved = await api("PUT", PATH, { token: admin.token, body: { version: 0, sections } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ version: 1, custom: true, updatedBy: { handle: admin.handle } });
    expect(keysOf(saved.body)).toEqual(sections.map((s) => s.key));
    expect(saved.body.sections[1]).toMatchObject({ key: "customer_communication", required: false, prefilled: false });

    // Stale: a second admin still holding version 0.
    const stale = await api("PUT", PATH, { token: admin.token, body: { version: 0, sections: defaults } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toEqual({ version: 1 });
    expect((await api("PUT", PATH, { token: admin.token, body: { version: 7, sections: defaults } })).status).toBe(409);
    expect(keysOf((await api("GET", PATH, { token: viewer.token })).body)).toEqual(sections.map((s) => s.key));

    // A new incident review: the template's sections in its order, known keys pre-filled, the custom one empty with its prompt.
    const ref = await resolvedIncident(responder.token, "After the template");
    const pm = await api("POST", `/api/v1/incidents/${ref}/postmortem`, { token: responder.token, body: {} });
    expect(pm.status).toBe(201);
    expect(keysOf(pm.body)).toEqual(sections.map((s) => s.key));
    const byKey = (key: string) => pm.body.sections.find((s: { key: string }) => s.key === key);
    expect(byKey("customer_communication")).toMatchObject({ title: "Customer communication", prompt: "What did customers hear from us, and when?", body: "", version: 1 });
    expect(byKey("summary").body).toContain("After the template: what happened.");
    expect(byKey("timeline").body).toMatch(/Declared:/);
    expect(byKey("automation")).toMatchObject({ title: "Automation and AI", prompt: "What did bots and agents do?" });
    expect(byKey("automation").body).toMatch(/No automated system/);
    expect(byKey("impact")).toBeUndefined();

    // The custom section is a section like any other: saved with its version, commented on, exported.
    const edit = await api("PATCH", `/api/v1/incidents/${ref}/postmortem/sections/customer_communication`, { token: responder.token, body: { body: "Status page at 14:05.", version: 1 } });
    expect(edit.status).toBe(200);
    expect(edit.body.section).toMatchObject({ key: "customer_communication", version: 2, prompt: "What did customers hear from us, and when?" });
    const comment = await api("POST", `/api/v1/incidents/${ref}/postmortem/comments`, { token: responder.token, body: { section: "customer_communication", body: "And the email?" } });
    expect(comment.status).toBe(201);
    const md = (await api("GET", `/api/v1/incidents/${ref}/postmortem/export.md`, { token: viewer.token })).body as string;
    expect(md.split("\n").filter((l) => l.startsWith("## ")).map((l) => l.slice(3))).toEqual(sections.map((s) => s.title));

    // A near miss too.
    const nearMiss = await api("POST", "/api/v1/postmortems", { token: responder.token, body: { type: "near_miss", title: "Almost" } });
    expect(keysOf(nearMiss.body)).toEqual(sections.map((s) => s.key));
    expect(nearMiss.body.sections.find((s: { key: string }) => s.key === "detection").body).toContain("Caught by");

    // The earlier postmortem keeps the sections it started with.
    const oldAgain = await api("GET", `/api/v1/incidents/${before}/postmortem`, { token: responder.token });
    expect(keysOf(oldAgain.body)).toEqual(SECTION_KEYS);
    expect(oldAgain.body.sections.find((s: { key: string }) => s.key === "impact").prompt).toBe(DEFAULT_SECTIONS.find((s) => s.key === "impact")!.prompt);

    // Another organization still has the default.
    const other = await (await createOrg()).user("responder");
    expect((await api("GET", PATH, { token: other.token })).body.version).toBe(0);
    const otherPm = await api("POST", "/api/v1/postmortems", { token: other.token, body: { type: "positive_retro", title: "Fine" } });
    expect(keysOf(otherPm.body)).toEqual(SECTION_KEYS);

    // The change is audited; restoring the default is one more save.
    const audit = await testDb().auditLog.findFirst({ where: { orgId: org.id, action: "org.postmortem_template.update" } });
    expect(audit?.data).toMatchObject({ version: 1, keys: sections.map((s) => s.key) });
    const restored = await api("PUT", PATH, { token: admin.token, body: { version: 1, sections: saved.body.defaults } });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ version: 2, custom: true });
    expect(keysOf(restored.body)).toEqual(SECTION_KEYS);
  });
});

describe("OpenAPI", () => {
  it("documents the template, the review routes by id and the action item's postmortem", async () => {
    const doc = (await api("GET", "/api/v1/openapi.json")).body;
    expect(Object.keys(doc.paths["/api/v1/org/postmortem-template"]).sort()).toEqual(["get", "put"]);
    expect(doc.components.schemas.PostmortemTemplatePut.required.sort()).toEqual(["sections", "version"]);
    expect(Object.keys(doc.paths["/api/v1/postmortems/{id}/comments"]).sort()).toEqual(["get", "post"]);
    expect(doc.paths["/api/v1/postmortems/{id}/comments/{commentId}"].patch).toBeDefined();
    expect(Object.keys(doc.paths["/api/v1/postmortems/{id}/reviewers"]).sort()).toEqual(["delete", "post"]);
    expect(doc.paths["/api/v1/postmortems/{id}/export.md"].get).toBeDefined();
    expect(doc.paths["/api/v1/postmortems/{id}/sections/{key}/diff"].get).toBeDefined();
    expect(doc.components.schemas.ActionItemCreate.properties).toHaveProperty("postmortem");
    expect(doc.components.schemas.StandalonePostmortemCreate.properties).toHaveProperty("services");
  });
});
