// The 3 AM walk, at 375 px in the dark and at 1440 px in the light: the commander
// declares on a service and is shown a possible duplicate; the on-call is paged,
// acknowledges from the red bar and lands in the incident as a responder; the
// commander posts an update (the filled button while investigating), mitigates
// and resolves, each asking for the update that goes with it, carries an open
// workstream into the postmortem, and starts the postmortem in one click.
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";
import { expectAccessible, expectDarkThroughout, watchTheme } from "./page-checks";

/**
 * Each step: axe-core finds no WCAG A/AA violation on what the page shows (a dialog open, or not). `npm run screens`
 * sets CONN_SCREENS: each step is also saved to screens/ (not committed) for anyone reviewing a change.
 */
const SCREENS = process.env.CONN_SCREENS ? path.resolve(__dirname, "..", "screens") : null;
let step = 0;
async function shot(page: Page, look: string, name: string) {
  await expectAccessible(page, `${look}: ${name}`);
  if (!SCREENS) return;
  step += 1;
  await page.screenshot({ path: path.join(SCREENS, `${look.replace(/\W+/g, "-")}-${String(step).padStart(2, "0")}-${name}.png`), fullPage: false });
}

const LOOKS = [
  { name: "phone, dark", viewport: { width: 375, height: 667 }, colorScheme: "dark" as const },
  { name: "desktop, light", viewport: { width: 1440, height: 900 }, colorScheme: "light" as const },
];

async function person(browser: Browser, email: string, look: (typeof LOOKS)[number]): Promise<Page> {
  const context = await browser.newContext({ viewport: look.viewport, colorScheme: look.colorScheme });
  if (look.colorScheme === "dark") await watchTheme(context);
  const page = await context.newPage();
  await signIn(page, email);
  await expect(page).toHaveURL(/\/dashboard/);
  return page;
}

for (const look of LOOKS) {
  test(`the 3 AM walk (${look.name}): declare, page, acknowledge and join, update, mitigate, resolve, postmortem`, async ({ browser, baseURL }) => {
    const stamp = Date.now().toString(36);
    const ic = await person(browser, "ic@example.com", look);
    const oncall = await person(browser, "sgarcia@example.com", look);

    // A minute ago someone opened one with a similar title, on no service.
    const earlier = await ic.request.post("/api/v1/incidents", { data: { title: `Checkout 502 errors ${stamp}`, severity: "SEV3" }, headers: { Origin: baseURL! } });
    const earlierRef = ((await earlier.json()) as { ref: string }).ref;
    cleanup.push({ page: ic, ref: earlierRef });

    await ic.getByRole("button", { name: /Declare/ }).click();
    const declare = ic.getByRole("dialog", { name: "Declare an incident" });
    await declare.getByLabel("What is broken?").fill(`Checkout 502 errors for EU ${stamp}`);
    await expect(declare.getByRole("region", { name: "Possibly the same incident" }).getByRole("link", { name: `Join ${earlierRef} instead` })).toBeVisible();
    await declare.getByRole("radio", { name: /SEV1/ }).check();
    await declare.getByRole("list", { name: "Suggested services" }).getByRole("button", { name: "Add Checkout (SVC-CHECKOUT)" }).click();
    await expect(declare.getByTestId("declare-paging")).toHaveText("Declaring pages @sgarcia.");
    await shot(ic, look.name, "declare");
    await declare.getByRole("button", { name: "Declare", exact: true }).click();
    await expect(ic).toHaveURL(/\/incidents\/INC-\d+$/);
    const ref = /INC-\d+/.exec(ic.url())![0];
    cleanup.push({ page: ic, ref });

    // On the on-call's war room, a SEV1 weighs more and shows its whole title.
    const card = oncall.locator(`li[data-ref="${ref}"]`);
    await expect(card).toHaveAttribute("data-major", "true");
    await expect(card).toContainText(`Checkout 502 errors for EU ${stamp}`);

    // The on-call's red bar: the whole title, one tap to acknowledge and land in the incident.
    const bar = oncall.getByRole("alert").locator("li").filter({ has: oncall.getByRole("link", { name: ref }) });
    await expect(bar).toBeVisible({ timeout: 15_000 });
    await expect(bar).toContainText(`Checkout 502 errors for EU ${stamp}`);
    const ack = bar.getByRole("button", { name: "Acknowledge and join" });
    const box = (await ack.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    await shot(oncall, look.name, "paged");
    await ack.click();
    await expect(oncall).toHaveURL(new RegExp(`/incidents/${ref}$`));
    await expect(oncall.getByTestId("responders")).toContainText("@sgarcia");
    await expect(ic.getByTestId("responders")).toContainText(/@sgarcia\s*acknowledged \d{2}:\d{2}/);
    await shot(oncall, look.name, "joined");

    // Investigating: Post update is the filled button, Resolve is not (on a phone it waits behind "More actions").
    const summary = ic.getByRole("region", { name: "Incident summary" });
    if (look.viewport.width < 640) {
      await expect(summary.getByRole("button", { name: "Resolve", exact: true })).toBeHidden();
      await summary.getByRole("button", { name: "More actions…" }).click();
    }
    const write = ic.getByRole("group", { name: "Write to the incident" });
    await expect(write.getByRole("button", { name: /Post update/ })).toHaveAttribute("data-variant", "primary");
    await expect(summary.getByRole("button", { name: "Resolve", exact: true })).toHaveAttribute("data-variant", "secondary");
    await write.getByRole("button", { name: /Post update/ }).click();
    const update = ic.getByRole("dialog", { name: "Post a CAN update" });
    await update.getByLabel(/Condition/).fill("EU checkout returns 502 for about 40% of requests");
    await update.getByLabel(/Action/).fill("Rolling back edge config v41");
    await update.locator("button[type=submit]").click();
    await expect(update).toBeHidden();
    await expect(oncall.getByTestId("latest-update")).toContainText("about 40% of requests");
    await shot(ic, look.name, "updated");

    // A workstream is still running when the fix lands.
    const ws = await ic.request.post(`/api/v1/incidents/${ref}/workstreams`, { data: { title: `Cache purge ${stamp}`, goal: "Purge stale config from the CDN" }, headers: { Origin: baseURL! } });
    expect(ws.status()).toBe(201);

    // Mitigate asks for the update that goes with it.
    await summary.getByRole("button", { name: "Mark mitigated" }).click();
    const mitigate = ic.getByRole("dialog", { name: "Mark mitigated" });
    await expect(mitigate.getByLabel("What users see now")).toHaveValue(/^Mitigated:/);
    await shot(ic, look.name, "mitigate");
    await mitigate.getByLabel("What was done?").fill("Rolled back to v40");
    await mitigate.locator("button[type=submit]").click();
    await expect(mitigate).toBeHidden();
    await expect(oncall.getByTestId("latest-update")).toContainText("Mitigated: the impact has stopped");

    // Mitigated: Resolve is the filled button now.
    const resolveButton = summary.getByRole("button", { name: "Resolve", exact: true });
    await expect(resolveButton).toHaveAttribute("data-variant", "primary");
    await expect(write.getByRole("button", { name: /Post update/ })).toHaveAttribute("data-variant", "secondary");
    await resolveButton.click();
    const resolve = ic.getByRole("dialog", { name: "Resolve" });
    await expect(resolve.getByTestId("still-open")).toContainText(`Workstream active: Cache purge ${stamp}`);
    await expect(resolve.getByLabel("Carry them into the postmortem as open questions")).toBeChecked();
    await shot(ic, look.name, "resolve");
    for (const criterion of await resolve.getByRole("checkbox").all()) await criterion.check();
    await resolve.getByLabel("What was done?").fill("Error rate normal for 30 minutes");
    await resolve.locator("button[type=submit]").click();
    await expect(resolve).toBeHidden();
    await expect(oncall.getByTestId("latest-update")).toContainText("Resolved: service is back to normal");
    await expect(oncall.getByTestId("latest-update")).not.toContainText("Mitigated");

    // Resolved: one click starts the postmortem, pre-filled, with the open workstream as an open question.
    const start = ic.getByTestId("postmortem-link");
    await expect(start).toHaveAttribute("data-variant", "primary");
    await shot(ic, look.name, "resolved");
    await start.click();
    await expect(ic).toHaveURL(new RegExp(`/incidents/${ref}/postmortem$`));
    await expect(ic.getByTestId("postmortem-status")).toHaveText("Draft");
    await shot(ic, look.name, "postmortem");
    await expect(ic.getByTestId("section-resolution").locator("textarea").first()).toHaveValue(new RegExp(`Open questions carried over at resolution[\\s\\S]*Cache purge ${stamp}`));
    await expect(ic.getByTestId("section-summary").locator("textarea").first()).toHaveValue(/Last update: Resolved: service is back to normal/);

    // Nothing on the way was wider than the screen; in the dark, no frame of it was painted light.
    for (const page of [ic, oncall]) {
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      if (look.colorScheme === "dark") await expectDarkThroughout(page, "the walk");
    }
  });
}

/**
 * Out of the way of the next walk, whatever happened in this one: an incident left investigating on SVC-CHECKOUT would
 * be "already paged" for the next (one outage pages its on-call once).
 */
const cleanup: { page: Page; ref: string }[] = [];
test.afterEach(async ({ baseURL }) => {
  for (const { page, ref } of cleanup.splice(0)) {
    const current = await (await page.request.get(`/api/v1/incidents/${ref}`)).json();
    if (current.status !== "investigating") continue;
    await page.request.patch(`/api/v1/incidents/${ref}`, { data: { version: current.version, status: "mitigated", reason: "test done" }, headers: { Origin: baseURL! } });
  }
});

for (const colorScheme of ["dark", "light"] as const) {
  test(`the five-second test holds on the smallest phone (375 × 667, ${colorScheme}): title, severity, commander, latest update and next update due without scrolling`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ viewport: { width: 375, height: 667 }, colorScheme });
    const ic = await context.newPage();
    await signIn(ic, "ic@example.com");
    await expect(ic).toHaveURL(/\/dashboard/);
    const title = `Checkout and payment confirmation pages return 502 for a growing share of EU and UK customers after the edge TLS configuration rollout ${Date.now().toString(36)}`;
    const declared = await ic.request.post("/api/v1/incidents", { data: { title, severity: "SEV1" }, headers: { Origin: baseURL! } });
    const { ref } = (await declared.json()) as { ref: string };
    const update = await ic.request.post(`/api/v1/incidents/${ref}/updates`, {
      data: {
        condition: "About 40% of EU checkout requests fail with 502 at the edge; UK follows since 02:10; card authorisations that reach us succeed.",
        action: "Rolling back edge TLS config v41 region by region; eu-west-1 done, eu-central-1 under way; watching the error rate.",
        need: "Payments on-call to confirm no double charges; support to hold the status page wording until 02:40.",
      },
      headers: { Origin: baseURL! },
    });
    expect(update.status()).toBe(201);
    await ic.goto(`/incidents/${ref}`);

    await expect(ic.getByTestId("incident-title")).toBeInViewport();
    const summary = ic.getByRole("region", { name: "Incident summary" });
    await expect(summary.getByText(/^SEV1/).first()).toBeInViewport();
    await expect(ic.getByTestId("commander")).toBeInViewport();
    await expect(summary.getByText("Next update")).toBeInViewport();
    await expect(ic.getByRole("heading", { name: /Latest update/i })).toBeInViewport();
    await expect(ic.getByTestId("latest-update")).toContainText("About 40% of EU checkout requests");
    // The bottom bar: the three writes, under the thumb, each at least 44 × 44.
    const bar = ic.getByRole("group", { name: "Write to the incident" });
    for (const name of [/Post update/, /Note/, /Decision/]) {
      const button = bar.getByRole("button", { name });
      await expect(button).toBeInViewport();
      const box = (await button.boundingBox())!;
      expect(box.height, String(name)).toBeGreaterThanOrEqual(44);
      expect(box.width, String(name)).toBeGreaterThanOrEqual(44);
    }
    // The navigation is a menu that shows every section whole.
    await ic.getByText("Menu", { exact: true }).click();
    const nav = ic.getByRole("navigation", { name: "Main" });
    for (const section of ["War room", "Status", "Incidents", "Action items", "Reviews", "On-call", "Services", "Settings"]) await expect(nav.getByRole("link", { name: section, exact: true })).toBeInViewport();
    expect(await ic.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await context.close();
  });
}
