// Two-party handover as the people live it (issue 18), on a phone in the dark and at 1440 px in the light: @okafor
// commands and offers command to @hmueller, who is on the war room; the amber bar tells her there, she reads the
// briefing on the incident as a checklist and declines, saying why; @okafor keeps command and his page says the offer
// was declined, with "Offer again". Nothing wider than the screen, axe finds nothing. `CONN_SCREENS=1` saves
// screenshots to screens/.
import { expect, signIn, test } from "./fixtures";
import { expectAccessible, expectFitsTheScreen, screenshot } from "./page-checks";
import { testPorts } from "./test-server";

const baseURL = `http://localhost:${testPorts.e2e.port}`;
const RESOLVED = { servicesRestored: true, customerImpactEnded: true, metricsNormal: true, noResidualIssue: true };

for (const look of [
  { name: "phone-dark", viewport: { width: 375, height: 740 }, colorScheme: "dark" as const },
  { name: "desktop-light", viewport: { width: 1440, height: 900 }, colorScheme: "light" as const },
]) {
  test(`an offer of command reaches the person elsewhere in Conn, who declines it with a reason (${look.name})`, async ({ browser }) => {
    const open = async (email: string) => {
      const context = await browser.newContext({ baseURL, viewport: look.viewport, colorScheme: look.colorScheme });
      const page = await context.newPage();
      await signIn(page, email);
      await expect(page).not.toHaveURL(/\/signin/);
      return page;
    };
    const ic = await open("okafor@example.com");
    const declared = await ic.request.post("/api/v1/incidents", { data: { title: `Login latency over 2 s (${look.name} ${Date.now()})`, severity: "SEV2" }, headers: { Origin: baseURL } });
    expect(declared.status(), await declared.text()).toBe(201);
    const ref = ((await declared.json()) as { ref: string }).ref;
    const her = await open("hmueller@example.com");
    await expect(her.getByRole("status").filter({ hasText: "Live" }).first()).toBeVisible({ timeout: 15_000 });

    await ic.goto(`/incidents/${ref}`);
    await expect(ic.getByTestId("connection")).toHaveAttribute("data-state", "live");
    await ic.getByRole("region", { name: "Incident summary" }).getByRole("button", { name: "Hand over" }).click();
    const dialog = ic.getByRole("dialog", { name: "Hand over command" });
    await dialog.getByRole("combobox", { name: "New incident commander" }).fill("hmuel");
    await dialog.getByRole("option", { name: /@hmueller/ }).click();
    await dialog.getByLabel("State").fill("p99 login latency 2.4 s since 02:50; the session store's primary is at 95 % CPU. Read replica promoted, watching.");
    await dialog.getByRole("button", { name: "Offer command" }).click();
    await expect(dialog).toBeHidden();
    await expect(ic.getByTestId("handover-pending")).toContainText("handover offered to @hmueller");
    await expectFitsTheScreen(ic);
    await expectAccessible(ic);
    await screenshot(ic, `handover-offered-${look.name}`);

    // She is on the war room: the bar tells her there.
    const bar = her.getByRole("alert", { name: "Command handed to you or taken from you" });
    await expect(bar).toContainText(`@okafor offers you command of ${ref}`);
    await expectFitsTheScreen(her);
    await expectAccessible(her);
    await screenshot(her, `handover-bar-${look.name}`);
    await bar.getByRole("link", { name: "Read the briefing" }).click();
    const banner = her.getByTestId("handover-banner");
    await expect(banner.getByRole("heading", { name: "@okafor offers you command" })).toBeVisible();
    await expect(banner.getByRole("button", { name: "I have the conn" })).toBeDisabled();
    // Offered command, she is not shown "Take command", and the bar does not repeat what the banner says.
    await expect(her.getByRole("region", { name: "Incident summary" }).getByRole("button", { name: "Take command" })).toHaveCount(0);
    await expect(bar).toHaveCount(0);
    await expectFitsTheScreen(her);
    await expectAccessible(her);
    await her.evaluate(() => window.scrollTo(0, 0));
    await screenshot(her, `handover-briefing-${look.name}`);

    // She declines, saying why; a reason is required.
    await banner.getByRole("button", { name: "Decline…" }).click();
    await banner.getByRole("button", { name: "Decline command" }).click();
    await expect(banner.getByText("Say why, so the commander knows whom to ask next")).toBeVisible();
    await banner.getByLabel("Why not?").fill("On the payments bridge until 04:00; try @anowak.");
    await banner.getByRole("button", { name: "Decline command" }).click();
    await expect(banner).toHaveCount(0);

    // He keeps command, and is told, with the way to offer again.
    await expect(ic.getByTestId("handover-pending")).toHaveCount(0);
    await expect(ic.getByTestId("timeline")).toContainText("@hmueller declined command: On the payments bridge until 04:00; try @anowak.");
    const nudge = ic.getByRole("region", { name: "Nudges" }).getByText(/@hmueller declined command: “On the payments bridge until 04:00; try @anowak.”/);
    await expect(nudge).toBeVisible();
    await expect(ic.getByRole("region", { name: "Nudges" }).getByRole("button", { name: "Offer again" })).toBeVisible();
    await expect(ic.getByTestId("roles").locator("[data-role='commander'] li[data-handle]")).toHaveAttribute("data-handle", "okafor");
    await expectFitsTheScreen(ic);
    await screenshot(ic, `handover-declined-${look.name}`);

    // Out of the other specs' way.
    const current = (await (await ic.request.get(`/api/v1/incidents/${ref}`)).json()) as { version: number };
    const resolved = await ic.request.patch(`/api/v1/incidents/${ref}`, { data: { version: current.version, status: "resolved", reason: "handover e2e done", resolution: RESOLVED }, headers: { Origin: baseURL } });
    expect(resolved.status(), await resolved.text()).toBe(200);
    await ic.context().close();
    await her.context().close();
  });
}
