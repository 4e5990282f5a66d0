// The organization's postmortem template in the browser: an admin adds a custom
// section with its guidance and moves it up; a postmortem started from the
// incident list afterwards has it, in place, with its prompt; a responder reads
// the template but cannot change it. The default is restored at the end.
import type { APIRequestContext } from "@playwright/test";
import { DEFAULT_SECTIONS } from "@/lib/domain/postmortem/sections";
import { expect, signIn, test } from "./fixtures";

async function resolvedIncident(request: APIRequestContext, baseURL: string, title: string): Promise<string> {
  const headers = { Origin: baseURL };
  const declared = await request.post("/api/v1/incidents", { data: { title, severity: "SEV3", summary: "Search results were stale." }, headers });
  expect(declared.status()).toBe(201);
  const { ref, version } = (await declared.json()) as { ref: string; version: number };
  const resolved = await request.patch(`/api/v1/incidents/${ref}`, {
    data: { version, status: "resolved", reason: "Index rebuilt", resolution: { servicesRestored: true, customerImpactEnded: true, metricsNormal: true, noResidualIssue: true } },
    headers,
  });
  expect(resolved.status()).toBe(200);
  return ref;
}

test("an admin adds a custom section to the template; a postmortem started from the incident list has it", async ({ browser, baseURL }) => {
  const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const admin = await adminContext.newPage();
  await signIn(admin, "admin@example.com");
  await expect(admin).toHaveURL(/\/dashboard/);

  await admin.goto("/settings/organization");
  const template = admin.getByRole("form", { name: "Postmortem template" });
  await expect(template.getByTestId("template-section")).toHaveCount(DEFAULT_SECTIONS.length);
  // Required sections cannot be removed; optional ones can.
  await expect(template.getByRole("button", { name: "Remove Automation and AI involvement" })).toHaveCount(0);
  await expect(template.getByRole("button", { name: "Remove Preventive measures" })).toBeVisible();

  await template.getByLabel("New section").fill("Customer communication");
  await template.getByRole("button", { name: "Add section" }).click();
  const custom = template.locator('[data-testid=template-section][data-key="customer_communication"]');
  await expect(custom).toBeVisible();
  await custom.getByLabel("Guidance for Customer communication").fill("What did customers hear from us, and when?");
  // Move it up to second place, right after the summary.
  for (let i = DEFAULT_SECTIONS.length; i > 1; i--) await custom.getByRole("button", { name: "Move Customer communication up" }).click();
  await expect(template.getByTestId("template-section").nth(1)).toHaveAttribute("data-key", "customer_communication");
  await template.getByRole("button", { name: "Save template" }).click();
  await expect(template.getByRole("status")).toHaveText("Saved: new postmortems use it.");
  await admin.reload();
  await expect(admin.getByRole("form", { name: "Postmortem template" }).getByTestId("template-section").nth(1)).toHaveAttribute("data-key", "customer_communication");

  // A responder starts a postmortem from the incident list: the custom section is there, second, with its prompt.
  const icContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const ic = await icContext.newPage();
  await signIn(ic, "ic@example.com");
  await expect(ic).toHaveURL(/\/dashboard/);
  const ref = await resolvedIncident(ic.request, baseURL!, `Template e2e ${Date.now()}`);
  await ic.goto("/incidents?status=resolved");
  const row = ic.getByTestId("incident-row").filter({ hasText: ref });
  await row.getByRole("button", { name: `Start postmortem of ${ref}` }).click();
  await expect(ic).toHaveURL(new RegExp(`/incidents/${ref}/postmortem$`));
  await expect(ic.getByTestId("postmortem-status")).toHaveText("Draft");
  const sections = ic.locator("[data-testid^=section-][data-state]");
  await expect(sections.nth(1)).toHaveAttribute("data-testid", "section-customer_communication");
  const comms = ic.getByTestId("section-customer_communication");
  await expect(comms.getByRole("heading", { name: "Customer communication" })).toBeVisible();
  await expect(comms.locator("textarea")).toHaveAttribute("placeholder", "What did customers hear from us, and when?");
  // The known sections are still pre-filled from the incident.
  await expect(ic.getByTestId("section-summary").locator("textarea")).toHaveValue(/Search results were stale\./);
  // It saves like any other section.
  await comms.locator("textarea").fill("Status page updated at the start and at resolution.");
  await expect(comms).toHaveAttribute("data-state", "saved");

  // Back on the list, the incident shows its postmortem and status instead of the button.
  await ic.goto("/incidents?status=resolved");
  await expect(ic.getByTestId("incident-row").filter({ hasText: ref }).getByTestId("incident-postmortem")).toContainText("Draft");

  // A responder reads the template but cannot change it.
  await ic.goto("/settings/organization");
  const readOnly = ic.getByRole("form", { name: "Postmortem template" });
  await expect(readOnly.getByTestId("template-section").nth(1)).toContainText("Customer communication");
  await expect(readOnly.getByRole("button", { name: "Save template" })).toHaveCount(0);

  // Restore the default (other specs expect it).
  await template.getByRole("button", { name: "Restore the default" }).click();
  await expect(template.getByTestId("template-section")).toHaveCount(DEFAULT_SECTIONS.length);
  await template.getByRole("button", { name: "Save template" }).click();
  await expect(template.getByRole("status")).toHaveText("Saved: new postmortems use it.");

  await adminContext.close();
  await icContext.close();
});
