// Merging one outage declared twice, from the incident page (issue 16): "Merge into another incident…" lists the open
// incidents it may go into, the responder picks the one that stays and says why, and lands there with the merge on its
// timeline; the merged incident says where it went and offers no more controls. At 375 px dark and 1440 px light, with
// axe. Drills, so no other spec's lists see them; the survivor is resolved at the end. `CONN_SCREENS=1` saves screenshots.
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";
import { expectAccessible } from "./page-checks";
import { testPorts } from "./test-server";

const baseURL = `http://localhost:${testPorts.e2e.port}`;
const SCREENS = process.env.CONN_SCREENS ? path.resolve(__dirname, "..", "screens") : null;

async function shot(page: Page, name: string) {
  if (SCREENS) await page.screenshot({ path: path.join(SCREENS, `merge-${name}.png`), fullPage: true });
}

async function declare(page: Page, title: string, severity: string): Promise<string> {
  const res = await page.request.post("/api/v1/incidents", { data: { title, severity, drill: true }, headers: { Origin: baseURL } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { ref: string }).ref;
}

for (const look of [
  { name: "phone-dark", viewport: { width: 375, height: 740 }, colorScheme: "dark" as const, phone: true },
  { name: "desktop-light", viewport: { width: 1440, height: 900 }, colorScheme: "light" as const, phone: false },
]) {
  test(`a responder merges a duplicate into the incident people work in (${look.name})`, async ({ browser }) => {
    const context = await browser.newContext({ baseURL, viewport: look.viewport, colorScheme: look.colorScheme });
    const page = await context.newPage();
    await signIn(page, "ic@example.com");
    await expect(page).not.toHaveURL(/\/signin/);
    const stamp = Date.now().toString(36);
    const stays = await declare(page, `Merge drill: basket totals wrong ${stamp}`, "SEV2");
    const duplicate = await declare(page, `Merge drill: basket sums off ${stamp}`, "SEV3");

    await page.goto(`/incidents/${duplicate}`);
    await expect(page.getByTestId("connection")).toHaveAttribute("data-state", "live");
    const summary = page.getByRole("region", { name: "Incident summary" });
    if (look.phone) await summary.getByRole("button", { name: "More actions…" }).click();
    await summary.getByRole("button", { name: "Merge into another incident…" }).click();
    const dialog = page.getByRole("dialog", { name: `Merge ${duplicate} into another incident` });
    const option = dialog.getByRole("radio", { name: new RegExp(`${stays}.*basket totals wrong ${stamp}`) });
    await expect(option).toBeVisible();
    await expect(dialog.getByRole("radio", { name: new RegExp(duplicate) })).toHaveCount(0);
    await option.check();
    await dialog.getByLabel("Why (optional)").fill("Same basket outage, declared twice");
    await shot(page, `${look.name}-1-dialog`);
    await expectAccessible(page);
    await dialog.getByRole("button", { name: `Merge ${duplicate} into ${stays}` }).click();

    // On the one that stays, the merge is on its timeline.
    await expect(page).toHaveURL(new RegExp(`/incidents/${stays}$`));
    await expect(page.locator('li[data-kind="merged"]').first()).toContainText(`${duplicate} (Merge drill: basket sums off ${stamp}) merged into this incident`);
    await shot(page, `${look.name}-2-survivor`);

    // The merged one says where it went, and nothing more is done there.
    await page.goto(`/incidents/${duplicate}`);
    const banner = page.getByTestId("merged-into");
    await expect(banner).toContainText(`Merged into ${stays}`);
    await expect(summary.getByRole("group", { name: "Change the incident" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Post update" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "New workstream" })).toHaveCount(0);
    await expect(page.locator('li[data-kind="merged"]').first()).toContainText(`Merged into ${stays}`);
    await shot(page, `${look.name}-3-merged`);
    await expectAccessible(page);
    await banner.getByRole("link", { name: stays }).click();
    await expect(page).toHaveURL(new RegExp(`/incidents/${stays}$`));

    const current = (await (await page.request.get(`/api/v1/incidents/${stays}`)).json()) as { version: number };
    const resolved = await page.request.patch(`/api/v1/incidents/${stays}`, {
      headers: { Origin: baseURL },
      data: { version: current.version, status: "resolved", reason: "merge e2e done", resolution: { servicesRestored: true, customerImpactEnded: true, metricsNormal: true, noResidualIssue: true } },
    });
    expect(resolved.status(), await resolved.text()).toBe(200);
    await context.close();
  });
}
