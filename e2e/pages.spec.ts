// Paging as the on-call person lives it: someone declares an incident on
// Checkout; the Payments policy pages whoever is on call for "Payments primary"
// (in the demo, @sgarcia covers it right now with an override). Her screen shows
// the page at once, she acknowledges it in one tap and lands in the incident as a
// responder, and the incident's Pages panel says who answered.
import { expect, signIn, test } from "./fixtures";

test("the on-call person sees a page arrive live, acknowledges it, and the incident shows who answered", async ({ browser, baseURL }) => {
  const oncall = await browser.newPage();
  await signIn(oncall, "sgarcia@example.com");
  await expect(oncall).toHaveURL(/\/dashboard/);

  const ic = await browser.newPage();
  await signIn(ic, "ic@example.com");
  await expect(ic).toHaveURL(/\/dashboard/);
  const title = `Checkout 502s ${Date.now().toString(36)}`;
  const declared = await ic.request.post("/api/v1/incidents", { data: { title, severity: "SEV1", services: ["SVC-CHECKOUT"] }, headers: { Origin: baseURL! } });
  expect(declared.status()).toBe(201);
  const { ref } = (await declared.json()) as { ref: string };

  // Live, without a reload: the red bar names the incident and when it escalates.
  const bar = oncall.getByRole("alert").filter({ has: oncall.getByRole("link", { name: ref }) });
  const entry = bar.locator("li").filter({ has: oncall.getByRole("link", { name: ref }) });
  await expect(entry).toBeVisible({ timeout: 15_000 });
  await expect(entry).toContainText(title);
  await expect(entry).toContainText("Payments standard, step 1");
  await expect(entry).toContainText(/escalates in \d+m/);
  await expect(oncall.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /Pages/ })).toContainText(/\d/);

  // The whole title shows on the bar, and acknowledging is joining: she lands on the incident as a responder.
  await entry.getByRole("button", { name: "Acknowledge and join" }).click();
  await expect(oncall).toHaveURL(new RegExp(`/incidents/${ref}$`));
  await expect(oncall.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(entry).toHaveCount(0);
  await expect(oncall.getByTestId("responders")).toContainText(/@sgarcia\s*acknowledged \d{2}:\d{2}/);

  // The commander's incident page shows the answer, live.
  await ic.goto(`/incidents/${ref}`);
  const pages = ic.getByRole("region", { name: "Pages" });
  await expect(pages).toContainText("Payments standard");
  await expect(pages).toContainText("Acknowledged");
  await expect(pages.getByRole("article", { name: "Page to @sgarcia" })).toContainText(/Acknowledged by @sgarcia after/);
  await expect(ic.getByRole("button", { name: "Acknowledge" })).toHaveCount(0); // not his page
  await expect(ic.getByTestId("responders")).toContainText("@sgarcia");

  // And on /pages, for her, it is history now.
  await oncall.goto("/pages");
  await expect(oncall.getByRole("heading", { level: 1, name: "Pages" })).toBeVisible();
  await expect(oncall.locator("article").filter({ hasText: ref }).first()).toContainText("Acknowledged by @sgarcia");

  // Out of the way of later specs: mitigated, so the next checkout incident pages its on-call (an incident still
  // investigating would be noted as "already paged" instead).
  const current = await (await ic.request.get(`/api/v1/incidents/${ref}`)).json();
  expect((await ic.request.patch(`/api/v1/incidents/${ref}`, { data: { version: current.version, status: "mitigated", reason: "test done" }, headers: { Origin: baseURL! } })).status()).toBe(200);
});
