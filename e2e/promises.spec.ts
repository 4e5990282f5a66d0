// Promises kept (issue 18) where people read them: an update promised the next within a minute; once that minute is
// past (the browsers' clocks moved on two and a half minutes, timers running), the incident page says "Updates on time:
// 0 of 1 · the next is late by 1 min" and the exec view "late by 1 min"; the next update keeps it, and the page says
// "Updates on time: 1 of 1". On a phone in the dark; axe on the page.
import type { Browser } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";
import { expectAccessible, expectFitsTheScreen, screenshot } from "./page-checks";
import { testPorts } from "./test-server";

const baseURL = `http://localhost:${testPorts.e2e.port}`;
const headers = { Origin: baseURL };

async function open(browser: Browser, email: string) {
  const context = await browser.newContext({ baseURL, viewport: { width: 375, height: 740 }, colorScheme: "dark" });
  const page = await context.newPage();
  await signIn(page, email);
  await expect(page).not.toHaveURL(/\/signin/);
  return page;
}

test("the page and the exec view say when a promised update is late, and how updates kept their promises", async ({ browser }) => {
  const ic = await open(browser, "okafor@example.com");
  const declared = await ic.request.post("/api/v1/incidents", { data: { title: `Webhooks delayed ${Date.now()}`, severity: "SEV3" }, headers });
  expect(declared.status(), await declared.text()).toBe(201);
  const ref = ((await declared.json()) as { ref: string }).ref;
  const first = await ic.request.post(`/api/v1/incidents/${ref}/updates`, { data: { condition: "Webhooks 10 min behind", action: "Scaling the senders", need: "", nextUpdateInMinutes: 1 }, headers });
  expect(first.status(), await first.text()).toBe(201);

  await ic.goto(`/incidents/${ref}`);
  await expect(ic.getByTestId("connection")).toHaveAttribute("data-state", "live");
  await expect(ic.getByTestId("promises")).toHaveCount(0); // nothing has come due yet
  const later = new Date(Date.now() + 150_000);
  await ic.clock.setFixedTime(later);
  const promises = ic.getByTestId("promises");
  await expect(promises).toHaveText("Updates on time: 0 of 1 · the next is late by 1 min", { timeout: 20_000 });
  await expectFitsTheScreen(ic);
  await expectAccessible(ic);
  await screenshot(ic, "promises-late-phone-dark");

  const exec = await open(browser, "exec@example.com");
  await exec.goto(`/status/${ref}`);
  await exec.clock.setFixedTime(later);
  await expect(exec.getByTestId("next-update")).toHaveText("late by 1 min");

  // The next update keeps the promise (on the server's clock, within the minute): on time, live.
  const second = await ic.request.post(`/api/v1/incidents/${ref}/updates`, { data: { condition: "Caught up", action: "Watching", need: "" }, headers });
  expect(second.status(), await second.text()).toBe(201);
  await expect(promises).toHaveText("Updates on time: 1 of 1");

  const current = (await (await ic.request.get(`/api/v1/incidents/${ref}`)).json()) as { version: number };
  const resolved = await ic.request.patch(`/api/v1/incidents/${ref}`, {
    data: { version: current.version, status: "resolved", reason: "promises e2e done", resolution: { servicesRestored: true, customerImpactEnded: true, metricsNormal: true, noResidualIssue: true } },
    headers,
  });
  expect(resolved.status(), await resolved.text()).toBe(200);
  await ic.context().close();
  await exec.context().close();
});
