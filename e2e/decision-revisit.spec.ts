// A decision that comes due (issue 18), on a phone in the dark: @okafor logs "Stay on eu-central" to revisit in 15
// minutes, with its rollback trigger and dashboard; when the browser's clock is 16 minutes on (timers running), the
// decision says "due 1 min ago", the page nudges "Time to revisit…", and he records it kept, with why. axe and width
// checked; `CONN_SCREENS=1` saves screenshots to screens/.
import { expect, signIn, test } from "./fixtures";
import { expectAccessible, expectFitsTheScreen, screenshot } from "./page-checks";
import { testPorts } from "./test-server";

const baseURL = `http://localhost:${testPorts.e2e.port}`;
const headers = { Origin: baseURL };

test("a decision with a revisit time nudges when due, and its outcome is recorded on it", async ({ browser }) => {
  const context = await browser.newContext({ baseURL, viewport: { width: 375, height: 740 }, colorScheme: "dark" });
  const ic = await context.newPage();
  await signIn(ic, "okafor@example.com");
  await expect(ic).not.toHaveURL(/\/signin/);
  const declared = await ic.request.post("/api/v1/incidents", { data: { title: `EU edge unhealthy ${Date.now()}`, severity: "SEV2" }, headers });
  expect(declared.status(), await declared.text()).toBe(201);
  const ref = ((await declared.json()) as { ref: string }).ref;
  await ic.goto(`/incidents/${ref}`);
  await expect(ic.getByTestId("connection")).toHaveAttribute("data-state", "live");

  const dialog = ic.getByRole("dialog", { name: "Log a decision" });
  await expect(async () => {
    await ic.keyboard.press("l");
    await expect(dialog).toBeVisible({ timeout: 500 });
  }).toPass();
  await dialog.getByLabel("Decision", { exact: true }).fill("Stay on eu-central");
  await dialog.getByLabel("Rationale").fill("The eu-west edge pool is unhealthy");
  await dialog.getByLabel("Revisit in").selectOption("15");
  await dialog.getByLabel("Roll back if (optional)").fill("eu-central p99 above 800 ms");
  await dialog.getByLabel("Its dashboard (optional)").fill("https://grafana.example/d/eu-central");
  await dialog.getByRole("button", { name: "Log decision" }).click();
  await expect(dialog).toBeHidden();

  const decision = ic.getByTestId("decision-log").getByTestId("decision");
  await expect(decision).toContainText("Roll back if: eu-central p99 above 800 ms · dashboard");
  await expect(decision.getByTestId("decision-revisit")).toHaveText(/^revisit in 1[45] min$/);
  await expect(decision).toHaveAttribute("data-due", "false");

  await ic.clock.setFixedTime(new Date(Date.now() + 16 * 60_000));
  await expect(decision).toHaveAttribute("data-due", "true", { timeout: 20_000 });
  await expect(decision.getByTestId("decision-revisit")).toHaveText(/^due [01] min ago$|^due now$/);
  const nudges = ic.getByRole("region", { name: "Nudges" });
  await expect(nudges).toContainText("Time to revisit “Stay on eu-central” (roll back if eu-central p99 above 800 ms): kept, reversed or amended?");
  await expectFitsTheScreen(ic);
  await expectAccessible(ic);
  await ic.evaluate(() => window.scrollTo(0, 0));
  await screenshot(ic, "decision-due-phone-dark");

  await decision.getByRole("button", { name: "Record the outcome" }).click();
  const outcome = decision.getByRole("form", { name: /^Outcome of: Stay on eu-central/ });
  await outcome.getByRole("button", { name: "Record the outcome" }).click();
  await expect(outcome.getByText("Say why, or what changed", { exact: true })).toBeVisible();
  await outcome.getByLabel("Why").fill("p99 held at 310 ms for the whole window");
  await outcome.getByRole("button", { name: "Record the outcome" }).click();
  await expect(outcome).toBeHidden();
  await expect(decision.getByTestId("decision-outcome")).toContainText("Kept by @okafor");
  await expect(decision.getByTestId("decision-outcome")).toContainText("p99 held at 310 ms for the whole window");
  await expect(decision).toHaveAttribute("data-due", "false");
  await expect(nudges.getByText(/Time to revisit/)).toHaveCount(0);
  await expect(ic.getByTestId("timeline")).toContainText("Decision “Stay on eu-central” kept: p99 held at 310 ms for the whole window");

  const current = (await (await ic.request.get(`/api/v1/incidents/${ref}`)).json()) as { version: number };
  const resolved = await ic.request.patch(`/api/v1/incidents/${ref}`, {
    data: { version: current.version, status: "resolved", reason: "decision e2e done", resolution: { servicesRestored: true, customerImpactEnded: true, metricsNormal: true, noResidualIssue: true } },
    headers,
  });
  expect(resolved.status(), await resolved.text()).toBe(200);
  await context.close();
});
