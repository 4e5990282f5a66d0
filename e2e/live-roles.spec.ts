// Running an incident on its live page: command is handed over with a briefing and
// acknowledged while both commanders watch; work is split into workstreams; guesses
// go on the board with what would disprove them.
import type { Browser, Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

/** Declares a fresh incident through the API with the page's session; returns its ref. */
async function declare(page: Page, title: string): Promise<string> {
  const res = await page.request.post("/api/v1/incidents", { data: { title, severity: "SEV2" } });
  expect(res.status()).toBe(201);
  const body = (await res.json()) as { ref: string };
  expect(body.ref).toMatch(/^INC-\d+$/);
  return body.ref;
}

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  await expect(page).not.toHaveURL(/\/signin/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  return page;
}

/** Opens the incident and waits until its socket has joined, so later changes arrive live. */
async function openLive(page: Page, ref: string) {
  await page.goto(`/incidents/${ref}`);
  await expect(page.getByTestId("connection")).toHaveAttribute("data-state", "live");
}

test("the commander hands over with a briefing; the new commander acknowledges live; the old one sees it", async ({ browser }) => {
  const ic = await signedIn(browser, "ic@example.com");
  const ref = await declare(ic, `Card payments declined ${Date.now()}`);
  const ws = await ic.request.post(`/api/v1/incidents/${ref}/workstreams`, { data: { title: "Acquirer timeouts", goal: "Find which acquirer times out", lead: "mpatel" } });
  expect(ws.status()).toBe(201);

  const next = await signedIn(browser, "jtsimmons@example.com");
  await openLive(next, ref);
  await openLive(ic, ref);
  await expect(next.getByTestId("handover-banner")).toHaveCount(0);

  // The outgoing IC opens the handover: the page's workstreams are already in the briefing.
  await ic.getByRole("region", { name: "Incident summary" }).getByRole("button", { name: "Hand over" }).click();
  const dialog = ic.getByRole("dialog", { name: "Hand over command" });
  await expect(dialog.getByLabel("Workstreams")).toHaveValue("- Acquirer timeouts — @mpatel — active");

  // Without a person and a state, the server's field errors show next to the fields.
  await dialog.getByRole("button", { name: "Hand over command" }).click();
  await expect(dialog.getByText("Pick the incoming commander from the list.")).toBeVisible();
  await expect(dialog.getByText("Say where things stand", { exact: true })).toBeVisible();

  // The picker works from the keyboard: type, arrow, Enter.
  const picker = dialog.getByRole("combobox", { name: "New incident commander" });
  await picker.fill("jtsim");
  await expect(dialog.getByRole("option", { name: /@jtsimmons/ })).toBeVisible();
  await picker.press("ArrowDown");
  await picker.press("Enter");
  await expect(picker).toHaveValue("Jamie T. Simmons (@jtsimmons)");
  const state = "Declines at 12%, acquirer B suspected; failover to acquirer A prepared.";
  await dialog.getByLabel("State").fill(state);
  await dialog.getByRole("button", { name: "Hand over command" }).click();
  await expect(dialog).toBeHidden();

  await expect(ic.getByTestId("commander")).toContainText("@jtsimmons");
  const waiting = ic.getByTestId("handover-banner");
  await expect(waiting).toContainText("Waiting for @jtsimmons to acknowledge");
  await expect(waiting.getByRole("button", { name: "I have the conn" })).toHaveCount(0);

  // The incoming IC sees the briefing arrive without reloading, and takes command.
  const banner = next.getByTestId("handover-banner");
  await expect(banner.getByRole("heading", { name: "You are taking command" })).toBeVisible();
  await expect(banner).toContainText(state);
  await expect(banner).toContainText("- Acquirer timeouts — @mpatel — active");
  await expect(banner).toContainText("Briefing from @ic");
  await banner.getByRole("button", { name: "I have the conn" }).click();
  await expect(banner).toHaveCount(0);

  // The outgoing IC sees the acknowledgement live.
  await expect(waiting).toHaveCount(0);
  const commanderRow = ic.getByTestId("roles").locator("[data-role='commander']");
  await expect(commanderRow).toContainText("@jtsimmons");
  await expect(commanderRow).not.toContainText("@ic");
  await expect(commanderRow.getByTestId("handover-ack")).toHaveText("acknowledged");
  await expect(ic.getByTestId("timeline")).toContainText("@jtsimmons acknowledged the handover: has the conn");

  await next.context().close();
  await ic.context().close();
});

test("a blocked workstream stands out; a hypothesis is added and ruled out; viewers get no controls", async ({ browser }) => {
  const ic = await signedIn(browser, "ic@example.com");
  const ref = await declare(ic, `Search results stale ${Date.now()}`);
  await openLive(ic, ref);

  const workstreams = ic.getByRole("region", { name: "Workstreams" });
  await expect(workstreams).toContainText("No workstreams yet.");

  for (const [title, goal, lead] of [
    ["Indexer recovery", "Get the indexer consuming again", "lchen"],
    ["Cache purge", "Purge stale category pages", "dkim"],
  ] as const) {
    await workstreams.getByRole("button", { name: "New workstream" }).click();
    const form = workstreams.getByRole("form", { name: "New workstream" });
    await form.getByLabel("Title").fill(title);
    await form.getByLabel("Goal").fill(goal);
    await form.getByRole("combobox", { name: "Lead" }).fill(lead);
    await ic.getByRole("option", { name: new RegExp(`@${lead}`) }).click();
    await form.getByRole("button", { name: "Start workstream" }).click();
    await expect(form).toBeHidden();
  }
  const cards = workstreams.getByTestId("workstream");
  await expect(cards).toHaveCount(2);
  const cache = cards.filter({ hasText: "Cache purge" });
  await expect(cache).toContainText("Lead @dkim");
  await expect(cache).toHaveAttribute("data-status", "active");
  await expect(cache.getByTestId("blocked-for")).toHaveCount(0);
  await expect(cards.first()).toContainText("Indexer recovery");

  await cache.getByRole("group", { name: "Status of Cache purge" }).getByRole("button", { name: "Blocked" }).click();
  await expect(cache).toHaveAttribute("data-status", "blocked");
  await expect(cache.getByTestId("blocked-for")).toHaveText(/^Blocked for \d+s$/);
  // It stands out: first in the list, a heavier border than the others, and counted in the heading.
  await expect(cards.first()).toContainText("Cache purge");
  await expect(cache).toHaveCSS("border-top-width", "2px");
  await expect(cards.filter({ hasText: "Indexer recovery" })).toHaveCSS("border-top-width", "1px");
  await expect(workstreams).toContainText("2 open · 1 blocked");

  // A hypothesis, with what would disprove it, then ruled out.
  const board = ic.getByRole("region", { name: "Knowns, unknowns, blockers" });
  await expect(board).toContainText("Nothing on the board yet.");
  await board.getByRole("button", { name: "Add item" }).click();
  const add = board.getByRole("form", { name: "Add to the board" });
  // The kind is a row of labelled radios: click the label, as a person does.
  await add.getByText("Hypothesis", { exact: true }).click();
  await expect(add.getByRole("radio", { name: "Hypothesis" })).toBeChecked();
  await expect(add.getByLabel("What would disprove it?")).toBeVisible();
  await add.getByLabel("What do we suspect, and why?").fill("The batch size change overflows the produce limit");
  await add.getByLabel("What would disprove it?").fill("No MessageSizeTooLarge errors in the broker logs");
  await add.getByRole("button", { name: "Add hypothesis" }).click();
  await expect(add).toBeHidden();

  const item = board.getByTestId("board-item").filter({ hasText: "The batch size change overflows the produce limit" });
  await expect(item).toHaveAttribute("data-kind", "hypothesis");
  await expect(item).toHaveAttribute("data-state", "open");
  await expect(item).toContainText("Would disprove it: No MessageSizeTooLarge errors in the broker logs");
  await item.getByRole("button", { name: "Ruled out" }).click();
  await expect(item).toHaveAttribute("data-state", "ruled_out");
  await expect(item.getByRole("button", { name: "Ruled out" })).toHaveAttribute("aria-pressed", "true");
  await expect(ic.getByTestId("timeline")).toContainText("Hypothesis ruled out: The batch size change overflows the produce limit");

  // A viewer sees the same work, and no control to change it.
  const exec = await signedIn(browser, "exec@example.com");
  await openLive(exec, ref);
  await expect(exec.getByTestId("workstream").filter({ hasText: "Cache purge" })).toHaveAttribute("data-status", "blocked");
  await expect(exec.getByTestId("board-item")).toContainText("Ruled out");
  await expect(exec.getByRole("region", { name: "Roles" })).toContainText("@ic");
  // The same buttons the commander had above; none of them for a viewer.
  for (const name of [/^Hand over/, /^New workstream$/, /^Add item$/, /^Blocked$/, /^Ruled out$/, /^Edit/, /^Replace/, /^Assign/, /^Add an SME$/]) {
    await expect(exec.getByRole("button", { name })).toHaveCount(0);
  }

  await exec.context().close();
  await ic.context().close();
});
