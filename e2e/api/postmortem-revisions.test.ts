// Published revisions against the real server: publishing keeps the text of
// every section, and a later revision shows each section's line diff against it
// (`GET .../postmortem/sections/{key}/diff?revision=`).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, createOrg, declare, testDb, type TestOrg, type TestUser } from "./factories";

let org: TestOrg;
let ic: TestUser;
let viewer: TestUser;

beforeAll(async () => {
  org = await createOrg();
  [ic, viewer] = await Promise.all([org.user("responder"), org.user("viewer")]);
});

afterAll(async () => {
  await testDb().$disconnect();
});

async function postmortemOf(body: Record<string, unknown> = {}): Promise<string> {
  const declared = await declare(ic.token, { title: "Revisions", ...body });
  const ref = declared.body.ref as string;
  const resolution = { servicesRestored: true, customerImpactEnded: true, metricsNormal: true, noResidualIssue: true };
  expect((await api("PATCH", `/api/v1/incidents/${ref}`, { token: ic.token, body: { version: declared.body.version, status: "resolved", reason: "ok", resolution } })).status).toBe(200);
  expect((await api("POST", `/api/v1/incidents/${ref}/postmortem`, { token: ic.token, body: {} })).status).toBe(201);
  return ref;
}

const publish = async (ref: string) => {
  expect((await api("PATCH", `/api/v1/incidents/${ref}/postmortem`, { token: ic.token, body: { status: "in_review" } })).status).toBe(200);
  const res = await api("PATCH", `/api/v1/incidents/${ref}/postmortem`, { token: ic.token, body: { status: "published" } });
  expect(res.status).toBe(200);
  return res.body;
};

describe("revision diffs", () => {
  it("shows what a later revision changed in a section against the published text", async () => {
    const ref = await postmortemOf();
    const diffPath = (key: string, q = "") => `/api/v1/incidents/${ref}/postmortem/sections/${key}/diff${q}`;
    expect((await api("GET", diffPath("summary"), { token: ic.token })).status).toBe(404); // never published

    const save = (body: string, version: number) => api("PATCH", `/api/v1/incidents/${ref}/postmortem/sections/summary`, { token: ic.token, body: { body, version } });
    expect((await save("Checkout failed.\nCause: TLS chain.", 1)).status).toBe(200);
    const first = await publish(ref);
    expect(first).toMatchObject({ status: "published", revision: 1, lastPublishedRevision: 1 });
    const unchanged = await api("GET", diffPath("summary"), { token: viewer.token });
    expect(unchanged.body).toMatchObject({ key: "summary", revision: 1, changed: false, published: "Checkout failed.\nCause: TLS chain." });

    // An edit after publication starts revision 2; the diff is against revision 1.
    const edited = await save("Checkout failed.\nCause: a missing intermediate certificate.\nFixed by rollback.", 2);
    expect(edited.body.postmortem).toEqual({ status: "draft", revision: 2 });
    const diff = await api("GET", diffPath("summary"), { token: viewer.token });
    expect(diff.status).toBe(200);
    expect(diff.body).toMatchObject({ revision: 1, changed: true, currentVersion: 3 });
    expect(diff.body.lines).toEqual([
      { op: "same", text: "Checkout failed." },
      { op: "del", text: "Cause: TLS chain." },
      { op: "add", text: "Cause: a missing intermediate certificate." },
      { op: "add", text: "Fixed by rollback." },
    ]);
    // Another section untouched since revision 1.
    expect((await api("GET", diffPath("impact"), { token: viewer.token })).body.changed).toBe(false);

    // Publishing revision 2 keeps it too: the latest is the default, revision 1 stays reachable.
    expect(await publish(ref)).toMatchObject({ revision: 2, lastPublishedRevision: 2 });
    expect((await api("GET", diffPath("summary"), { token: ic.token })).body).toMatchObject({ revision: 2, changed: false });
    expect((await api("GET", diffPath("summary", "?revision=1"), { token: ic.token })).body).toMatchObject({ revision: 1, changed: true });
    expect((await api("GET", diffPath("summary", "?revision=7"), { token: ic.token })).status).toBe(404);
    expect((await api("GET", diffPath("no_such"), { token: ic.token })).status).toBe(404);
  });

  it("is as private as the incident", async () => {
    const ref = await postmortemOf({ private: true });
    await publish(ref);
    expect((await api("GET", `/api/v1/incidents/${ref}/postmortem/sections/summary/diff`, { token: ic.token })).status).toBe(200);
    expect((await api("GET", `/api/v1/incidents/${ref}/postmortem/sections/summary/diff`, { token: viewer.token })).status).toBe(404);
  });
});
