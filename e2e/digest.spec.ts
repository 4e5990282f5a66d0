// Since you last looked (issue 18), as people live it, on a phone in the dark and at 1440 px in the light: @hmueller
// looks at an incident @okafor commands, and goes back to the war room; @okafor makes five changes; when she opens the
// incident again it starts with exactly those five, and "Mark as read" puts them away for good. @okafor's own page
// shows none of his own changes, and the exec, who never opened it, gets the story so far. Nothing wider than the
// screen, axe finds nothing. `CONN_SCREENS=1` saves screenshots to screens/.
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";
import { expectAccessible, expectFitsTheScreen, screenshot } from "./page-checks";
import { testPorts } from "./test-server";

const baseURL = `http://localhost:${testPorts.e2e.port}`;
const RESOLVED = { servicesRestored: true, customerImpactEnded: true, metricsNormal: true, noResidualIssue: true };
const markerSaved = (page: Page) => page.waitForResponse((r) => r.url().endsWith("/read") && r.request().method() === "PUT" && r.status() === 200);

for (const look of [
  { name: "phone-dark", viewport: { width: 375, height: 740 }, colorScheme: "dark" as const },
  { name: "desktop-light", viewport: { width: 1440, height: 900 }, colorScheme: "light" as const },
]) {
  test(`coming back to an incident opens with what others changed meanwhile (${look.name})`, async ({ browser }) => {
    const open = async (email: string) => {
      const context = await browser.newContext({ baseURL, viewport: look.viewport, colorScheme: look.colorScheme });
      const page = await context.newPage();
      await signIn(page, email);
      await expect(page).not.toHaveURL(/\/signin/);
      return page;
    };
    const ic = await open("okafor@example.com");
    const call = async (method: "post" | "patch", path: string, data: unknown) => {
      const res = await ic.request[method](path, { data, headers: { Origin: baseURL } });
      expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
      return res.json();
    };
    const { ref } = (await call("post", "/api/v1/incidents", { title: `Search returns nothing in EU (${look.name} ${Date.now()})`, severity: "SEV3" })) as { ref: string };
    const path = `/api/v1/incidents/${ref}`;
    const ws = (await call("post", `${path}/workstreams`, { title: "Reindex", goal: "EU index rebuilt" })) as { id: string; version: number };

    // She looks (nothing to catch up on yet) and goes back to the war room; the page noted what she saw.
    const her = await open("hmueller@example.com");
    const saved = markerSaved(her);
    await her.goto(`/incidents/${ref}`);
    await expect(her.getByTestId("connection")).toHaveAttribute("data-state", "live");
    await expect(her.getByTestId("digest")).toHaveCount(0);
    await saved;
    await her.goto("/dashboard");

    // Five changes by @okafor.
    const { version } = (await (await ic.request.get(path)).json()) as { version: number };
    await call("patch", path, { version, severity: "SEV1", reason: "Every EU search is empty" });
    await call("post", `${path}/decisions`, { decision: "Serve search from the US cluster", rationale: "The EU index is corrupt; US is two minutes behind" });
    await call("post", `${path}/board`, { kind: "blocker", text: "Reindexing needs the EU cluster's snapshot keys" });
    await call("patch", `${path}/workstreams/${ws.id}`, { version: ws.version, status: "blocked" });
    await call("post", `${path}/updates`, { condition: "EU search served from the US cluster", action: "Reindexing EU", need: "Snapshot keys from @security" });

    await her.goto(`/incidents/${ref}`);
    const digest = her.getByTestId("digest");
    await expect(digest.getByRole("heading", { name: "Since you last looked" })).toBeVisible();
    await expect(digest).toContainText("5 changes since you looked");
    await expect(digest.getByTestId("digest-item")).toHaveText([
      /Severity SEV3 → SEV1: Every EU search is empty/,
      /Decided: Serve search from the US cluster — because The EU index is corrupt/,
      /Reindexing needs the EU cluster's snapshot keys/,
      /“Reindex” is blocked/,
    ]);
    await expect(digest.getByTestId("digest-update")).toContainText("EU search served from the US cluster — Reindexing EU · Need: Snapshot keys from @security");
    await expect(digest).not.toContainText("other entr");
    await expectFitsTheScreen(her);
    await expectAccessible(her);
    await her.evaluate(() => window.scrollTo(0, 0));
    await screenshot(her, `digest-${look.name}`);

    // Read: it goes, and stays gone.
    const read = markerSaved(her);
    await digest.getByRole("button", { name: "Mark as read" }).click();
    await expect(digest).toHaveCount(0);
    await read;
    await her.reload();
    await expect(her.getByTestId("connection")).toHaveAttribute("data-state", "live");
    await expect(her.getByTestId("digest")).toHaveCount(0);

    // His own changes are not news to him.
    await ic.goto(`/incidents/${ref}`);
    await expect(ic.getByTestId("connection")).toHaveAttribute("data-state", "live");
    await expect(ic.getByTestId("digest")).toHaveCount(0);

    // Someone who never opened it gets the story so far, from the declaration.
    const exec = await open("exec@example.com");
    await exec.goto(`/incidents/${ref}`);
    const story = exec.getByTestId("digest");
    await expect(story.getByRole("heading", { name: "The story so far" })).toBeVisible();
    await expect(story.getByTestId("digest-item").first()).toContainText("Declared SEV3: Search returns nothing in EU");
    await expect(story.getByTestId("digest-item")).toHaveCount(5);
    await expectFitsTheScreen(exec);
    await expectAccessible(exec);

    // Out of the other specs' way.
    const current = (await (await ic.request.get(path)).json()) as { version: number };
    await call("patch", path, { version: current.version, status: "resolved", reason: "digest e2e done", resolution: RESOLVED });
    for (const page of [ic, her, exec]) await page.context().close();
  });
}
