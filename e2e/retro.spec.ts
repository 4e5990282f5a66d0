// Reviews without an incident in the browser: a responder starts a near-miss
// retro from the Reviews page (with a related service), edits a section and it
// saves (and survives a reload); a second editor sees the save and a comment
// arrive live, and the first sees the second's comment and reviewer without a
// reload; a viewer reads it and cannot write.
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

const section = (page: Page, key: string) => page.getByTestId(`section-${key}`);
const editor = (page: Page, key: string) => section(page, key).locator("textarea").first();

test("a near-miss retro: created from the Reviews page, edited and saved, reviewed live by a second editor, read-only for a viewer", async ({ browser }) => {
  const aContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const bContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const a = await aContext.newPage();
  const b = await bContext.newPage();
  await signIn(a, "ic@example.com");
  await signIn(b, "jtsimmons@example.com");
  await expect(a).toHaveURL(/\/dashboard/);
  await expect(b).toHaveURL(/\/dashboard/);

  // From the navigation to the Reviews page, then "New retro".
  await a.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reviews" }).click();
  await expect(a).toHaveURL(/\/postmortems$/);
  await expect(a.getByRole("heading", { name: "Reviews" })).toBeVisible();
  const title = `Disk almost full on db-1 ${Date.now()}`;
  await a.getByText("New retro", { exact: true }).click();
  await a.getByLabel("Near miss").check();
  await a.getByLabel("Title").fill(title);
  await a.getByRole("checkbox", { name: /SVC-CHECKOUT/ }).check();
  await a.getByRole("button", { name: "Start near miss" }).click();

  await expect(a).toHaveURL(/\/postmortems\/[A-Za-z0-9]+$/);
  const url = a.url();
  await expect(a.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(a.getByTestId("postmortem-type")).toHaveText("Near miss");
  await expect(a.getByTestId("postmortem-services")).toContainText("SVC-CHECKOUT");
  await expect(a.getByTestId("postmortem-status")).toHaveText("Draft");
  // Pre-filled with the questions a near miss asks; no incident timeline to insert from.
  await expect(editor(a, "summary")).toHaveValue(new RegExp(`Near miss: ${title}`));
  await expect(section(a, "detection").getByRole("button", { name: "Insert from timeline" })).toHaveCount(0);

  await b.goto(url);
  await expect(b.getByTestId("postmortem-status")).toHaveText("Draft");

  // Edit a section: it autosaves, and the other editor's untouched section takes it live.
  await editor(a, "detection").fill("Caught by the 80% disk alert, two hours before the disk would have filled.");
  await expect(section(a, "detection")).toHaveAttribute("data-state", "saved");
  await expect(section(a, "detection").getByTestId("save-state")).toHaveText("Saved");
  await expect(editor(b, "detection")).toHaveValue("Caught by the 80% disk alert, two hours before the disk would have filled.");
  await a.reload();
  await expect(editor(a, "detection")).toHaveValue("Caught by the 80% disk alert, two hours before the disk would have filled.");

  // Presence: A sees B on the section B is editing.
  await editor(b, "impact").focus();
  await expect(section(a, "impact").getByTestId("section-editors")).toContainText("@jtsimmons");

  // B comments and asks A to review: A sees both without reloading.
  const bComments = b.getByTestId("comments-detection");
  await bComments.locator("summary").first().click();
  // Too long for the server: its reason shows, nothing is posted, the text stays to be shortened.
  await bComments.getByLabel("Comment on Detection (Markdown)").fill("x".repeat(10_001));
  await bComments.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(bComments.getByRole("alert")).toHaveText("Keep it to 10,000 characters (this is 10,001)");
  await expect(bComments.getByLabel("Comment on Detection (Markdown)")).toHaveValue("x".repeat(10_001));
  await bComments.getByLabel("Comment on Detection (Markdown)").fill("How close was it, **in hours**?");
  await bComments.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(bComments.getByTestId("comment")).toHaveCount(1);
  const aComments = a.getByTestId("comments-detection");
  await expect(aComments.locator("summary").first()).toContainText("1 open");
  await expect(aComments.getByTestId("comment").locator("strong")).toHaveText("in hours");
  await b.getByLabel("Add a reviewer (handle or email)").fill("ic");
  await b.getByRole("button", { name: "Add reviewer" }).click();
  await expect(a.getByTestId("reviewer")).toHaveText(/@ic/);
  // A resolves it; B sees that live too.
  await aComments.getByRole("button", { name: "Resolve" }).click();
  await expect(bComments.locator("summary").first()).toContainText("0 open, 1 resolved");

  // A tracked action item from the retro shows on the action items page with the retro.
  await a.getByText("New action item").click();
  await a.getByLabel("Action", { exact: true }).fill("Alert at 70% on database disks");
  // The same people picker as the incident page: type, then pick the person.
  await a.getByLabel("Owner (one person)").fill("jtsimmons");
  await a.getByRole("option", { name: /jtsimmons/ }).click();
  await a.getByLabel("Kind").selectOption("detect");
  await a.getByRole("button", { name: "Add action item" }).click();
  await expect(a.getByTestId("action-item")).toContainText("Alert at 70% on database disks");

  // Listed on the Reviews page, as a near miss in draft.
  await a.goto("/postmortems?type=near_miss");
  const row = a.getByTestId("review").filter({ hasText: title });
  await expect(row).toContainText("Near miss");
  await expect(row).toContainText("Draft");
  await a.goto("/action-items?owner=jtsimmons");
  await expect(a.getByTestId("action-item").filter({ hasText: "Alert at 70% on database disks" })).toContainText(title);

  // A viewer reads it: no editor, no way to start a retro.
  const viewer = await (await browser.newContext()).newPage();
  await signIn(viewer, "exec@example.com");
  await expect(viewer).toHaveURL(/\/status/);
  await viewer.goto(url);
  await expect(viewer.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(section(viewer, "detection")).toContainText("Caught by the 80% disk alert");
  await expect(viewer.locator("textarea")).toHaveCount(0);
  await viewer.goto("/postmortems");
  await expect(viewer.getByTestId("new-retro")).toHaveCount(0);
  await expect(viewer.getByTestId("review").filter({ hasText: title })).toBeVisible();

  await aContext.close();
  await bContext.close();
  await viewer.context().close();
});
