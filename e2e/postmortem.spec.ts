// The postmortem editor in two browsers: started pre-filled from a resolved
// incident; two editors on different sections both save; two on the same
// section: the second gets the conflict view with both versions and merges;
// an unsaved draft survives a reload; review, publish and export.
import type { APIRequestContext, Page } from "@playwright/test";
import { DEFAULT_SECTIONS } from "@/lib/domain/postmortem/sections";
import { expect, signIn, test } from "./fixtures";

async function resolvedIncident(request: APIRequestContext, baseURL: string, title: string): Promise<string> {
  const headers = { Origin: baseURL };
  const declared = await request.post("/api/v1/incidents", { data: { title, severity: "SEV1", summary: "EU checkout returned 502s." }, headers });
  expect(declared.status()).toBe(201);
  const { ref, version } = (await declared.json()) as { ref: string; version: number };
  const decision = await request.post(`/api/v1/incidents/${ref}/decisions`, { data: { decision: "Roll back edge TLS config", rationale: "Errors began with v41" }, headers });
  expect(decision.status()).toBe(201);
  const resolved = await request.patch(`/api/v1/incidents/${ref}`, {
    data: { version, status: "resolved", reason: "Error rate normal for 30 min", resolution: { servicesRestored: true, customerImpactEnded: true, metricsNormal: true, noResidualIssue: true } },
    headers,
  });
  expect(resolved.status()).toBe(200);
  return ref;
}

const section = (page: Page, key: string) => page.getByTestId(`section-${key}`);
const editor = (page: Page, key: string) => section(page, key).locator("textarea").first();

test("two editors write one postmortem: different sections both save, the same section shows the conflict view, then review, publish, export", async ({ browser, baseURL }) => {
  const aContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const bContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const a = await aContext.newPage();
  const b = await bContext.newPage();
  await signIn(a, "ic@example.com");
  await signIn(b, "jtsimmons@example.com");
  await expect(a).toHaveURL(/\/dashboard/);
  await expect(b).toHaveURL(/\/dashboard/);

  // An active incident cannot have a postmortem yet.
  const active = await a.request.post("/api/v1/incidents", { data: { title: `Active ${Date.now()}`, severity: "SEV3" }, headers: { Origin: baseURL! } });
  const activeRef = ((await active.json()) as { ref: string }).ref;
  await a.goto(`/incidents/${activeRef}/postmortem`);
  await expect(a.getByText("the postmortem starts once it is resolved")).toBeVisible();
  await expect(a.getByRole("button", { name: "Start postmortem" })).toHaveCount(0);

  const ref = await resolvedIncident(a.request, baseURL!, `Postmortem e2e ${Date.now()}`);
  await a.goto(`/incidents/${ref}/postmortem`);
  // B opens the same page before A starts it.
  await b.goto(`/incidents/${ref}/postmortem`);
  await expect(b.getByRole("button", { name: "Start postmortem" })).toBeVisible();
  await a.getByRole("button", { name: "Start postmortem" }).click();
  await expect(a.getByTestId("postmortem-status")).toHaveText("Draft");
  // Pre-filled from the incident.
  await expect(editor(a, "summary")).toHaveValue(/EU checkout returned 502s\./);
  await expect(editor(a, "timeline")).toHaveValue(/Decision: Roll back edge TLS config/);
  await expect(editor(a, "impact")).toHaveValue(/Detected → resolved:/);

  // B's Start comes second (a 409 "already has a postmortem"): the page reloads into A's. Wait for the reloaded
  // page's load, as goto would: the live checks below need its socket in the room (missed events are not replayed).
  const reloaded = b.waitForEvent("load");
  await b.getByRole("button", { name: "Start postmortem" }).click();
  await reloaded;
  await expect(b.getByTestId("postmortem-status")).toHaveText("Draft");

  // Different sections: both save.
  await editor(a, "detection").fill("The HighErrorRate alert paged the edge on-call within a minute.");
  await editor(b, "mitigation").fill("Rolling back the TLS config stopped the 502s.");
  await expect(section(a, "detection")).toHaveAttribute("data-state", "saved");
  await expect(section(b, "mitigation")).toHaveAttribute("data-state", "saved");
  await expect(section(b, "mitigation").getByTestId("save-state")).toHaveText("Saved");
  await a.reload();
  await expect(editor(a, "detection")).toHaveValue("The HighErrorRate alert paged the edge on-call within a minute.");
  await expect(editor(a, "mitigation")).toHaveValue("Rolling back the TLS config stopped the 502s.");

  // Live: B's untouched section takes A's save without a reload; A sees B on the section B is editing.
  await expect(editor(b, "detection")).toHaveValue("The HighErrorRate alert paged the edge on-call within a minute.");
  await editor(b, "impact").focus();
  await expect(section(a, "impact").getByTestId("section-editors")).toContainText("@jtsimmons");
  await editor(b, "summary").focus();
  await expect(section(a, "impact").getByTestId("section-editors")).toHaveCount(0);
  await expect(section(a, "summary").getByTestId("section-editors")).toContainText("@jtsimmons");

  // Same section: B has unsaved text when A's save lands (A saves through the API, well inside B's autosave pause):
  // B is told who updated it, and its own save, on the version it read, gets the conflict view with both texts.
  await b.reload();
  await expect(editor(b, "contributing_factors")).toBeVisible();
  await editor(b, "contributing_factors").fill("Certificate rotation had no canary.");
  const first = await a.request.patch(`/api/v1/incidents/${ref}/postmortem/sections/contributing_factors`, {
    data: { body: "The deploy pipeline accepted a config without the intermediate chain.", version: 1 },
    headers: { Origin: baseURL! },
  });
  expect(first.status()).toBe(200);
  const conflict = section(b, "contributing_factors").getByTestId("conflict");
  await expect(conflict).toBeVisible();
  await expect(section(b, "contributing_factors")).toHaveAttribute("data-state", "conflict");
  await expect(conflict.getByTestId("conflict-theirs")).toHaveText("The deploy pipeline accepted a config without the intermediate chain.");
  await expect(conflict.getByTestId("conflict-yours")).toHaveText("Certificate rotation had no canary.");
  await conflict.getByRole("button", { name: "Combine both" }).click();
  await conflict.getByRole("button", { name: "Save merged" }).click();
  await expect(section(b, "contributing_factors")).toHaveAttribute("data-state", "saved");
  await a.reload();
  await expect(editor(a, "contributing_factors")).toHaveValue(/intermediate chain\.[\s\S]*no canary\./);

  // A blaming sentence gets a gentle hint (and still saves).
  await editor(a, "contributing_factors").press("End");
  await editor(a, "contributing_factors").pressSequentially(" @jtsimmons forgot the canary.");
  await expect(section(a, "contributing_factors").getByTestId("blame-hints")).toContainText("@jtsimmons forgot");
  await expect(section(a, "contributing_factors")).toHaveAttribute("data-state", "saved");

  // An unsaved edit survives a reload (local draft), then autosaves.
  await editor(a, "lessons_learned").fill("### What went well\n\nThe rollback took two minutes.");
  await expect(section(a, "lessons_learned")).toHaveAttribute("data-state", "unsaved");
  await a.reload();
  await expect(editor(a, "lessons_learned")).toHaveValue(/The rollback took two minutes\./);
  await expect(section(a, "lessons_learned")).toHaveAttribute("data-state", "saved");

  // One click puts a timeline entry into a section.
  await section(a, "resolution").getByRole("button", { name: "Insert from timeline" }).click();
  await section(a, "resolution").getByRole("dialog").getByRole("button", { name: /Status: investigating → resolved/ }).click();
  await expect(editor(a, "resolution")).toHaveValue(/UTC\*\* — Status: investigating → resolved: Error rate normal for 30 min/);
  await expect(section(a, "resolution")).toHaveAttribute("data-state", "saved");

  // A tracked action item; the SEV1 nudge for a missing "prevent" item goes away.
  await expect(a.getByTestId("missing-prevent")).toBeVisible();
  await a.getByText("New action item").click();
  // A SEV1 review without a "prevent" item: the new item starts as one.
  await expect(a.getByLabel("Kind")).toHaveValue("prevent");
  await a.getByLabel("Action", { exact: true }).fill("Check the TLS chain in the deploy pipeline");
  // The same people picker as the incident page: type, then pick the person.
  await a.getByLabel("Owner (one person)").fill("jtsimmons");
  await a.getByRole("option", { name: /jtsimmons/ }).click();
  await a.getByRole("button", { name: "Add action item" }).click();
  await expect(a.getByTestId("action-item")).toContainText("Check the TLS chain in the deploy pipeline");
  await expect(a.getByTestId("action-item")).toContainText("@jtsimmons");
  await expect(a.getByTestId("missing-prevent")).toHaveCount(0);

  // Review: a reviewer, a comment on a section (Markdown, rendered safely), resolved.
  // Nobody by that handle: the server's sentence says so; the next add clears it.
  const reviewers = a.getByTestId("reviewers");
  await a.getByLabel("Add a reviewer (handle or email)").fill("nobody-here");
  await a.getByRole("button", { name: "Add reviewer" }).click();
  await expect(reviewers.getByRole("alert")).toHaveText("Nobody called nobody-here in this organization.");
  await a.getByLabel("Add a reviewer (handle or email)").fill("jtsimmons");
  await a.getByRole("button", { name: "Add reviewer" }).click();
  await expect(a.getByTestId("reviewer")).toHaveText(/@jtsimmons/);
  await expect(reviewers.getByRole("alert")).toHaveCount(0);
  const comments = a.getByTestId("comments-impact");
  await comments.locator("summary").first().click();
  await comments.getByLabel("Comment on Impact (Markdown)").fill("Add the **EU share** of traffic.<img src=x onerror=alert(1)>");
  await comments.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(comments.getByTestId("comment")).toContainText("@ic");
  await expect(comments.getByTestId("comment").locator("strong")).toHaveText("EU share");
  await expect(comments.getByTestId("comment").locator("img")).toHaveCount(0);
  await comments.getByRole("button", { name: "Resolve" }).click();
  await expect(comments.getByTestId("comment")).toHaveAttribute("data-resolved", "true");
  await expect(comments.locator("summary").first()).toContainText("0 open, 1 resolved");

  // Review, publish: read-only for B after a reload.
  await a.getByRole("button", { name: "Send to review" }).click();
  await expect(a.getByTestId("postmortem-status")).toHaveText("In review");
  await a.getByRole("button", { name: "Publish" }).click();
  await expect(a.getByTestId("postmortem-status")).toHaveText("Published");
  // B's page still says draft: its Send to review is refused with the server's reason.
  await b.getByRole("button", { name: "Send to review" }).click();
  await expect(b.getByRole("alert").filter({ hasText: "Cannot go" })).toHaveText("Cannot go from published to in review.");
  await b.reload();
  await expect(b.getByTestId("postmortem-status")).toHaveText("Published");
  await expect(section(b, "summary").locator("textarea")).toHaveCount(0);

  // Export: every section, the texts both editors wrote, the action item.
  const exported = await a.request.get(`/api/v1/incidents/${ref}/postmortem/export.md`);
  expect(exported.status()).toBe(200);
  const md = await exported.text();
  for (const s of DEFAULT_SECTIONS) expect(md).toContain(`## ${s.title}`);
  expect(md).toContain("paged the edge on-call");
  expect(md).toContain("Certificate rotation had no canary.");
  expect(md).toContain("Check the TLS chain in the deploy pipeline");

  // An edit after publication starts revision 2 and shows what changed since revision 1.
  await a.getByRole("button", { name: "Edit: saving a change starts revision 2" }).click();
  const before = await editor(a, "summary").inputValue();
  await editor(a, "summary").fill(`${before}\nAlso: the chain check now runs in CI.`);
  await expect(section(a, "summary")).toHaveAttribute("data-state", "saved");
  await expect(a.getByTestId("revision")).toContainText("Revision 2");
  const diff = a.getByTestId("diff-summary");
  await diff.locator("summary").click();
  await expect(diff.locator('[data-op="add"]')).toHaveText(/Also: the chain check now runs in CI\./);
  await expect(diff.locator('[data-op="del"]')).toHaveCount(0);

  // The action items page lists it.
  await a.goto(`/action-items?incident=${ref}`);
  await expect(a.getByTestId("action-item")).toHaveCount(1);
  await expect(a.getByTestId("action-item")).toContainText(ref);

  // Its owner sees it on the war room.
  await b.goto("/dashboard");
  await expect(b.getByTestId("my-action-items").getByTestId("my-action-item").filter({ hasText: ref })).toContainText("Check the TLS chain in the deploy pipeline");

  await aContext.close();
  await bContext.close();
});
