// Running an incident on its live page: command is offered with a briefing and moves
// only when the incoming person accepts, while both watch; work is split into workstreams; guesses
// go on the board with what would disprove them.
import type { Browser, Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";
import { screenshot } from "./page-checks";

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

test("the commander offers command with a briefing; the other person, told elsewhere in Conn, accepts; both see command move live", async ({ browser }) => {
  const ic = await signedIn(browser, "ic@example.com");
  const ref = await declare(ic, `Card payments declined ${Date.now()}`);
  const ws = await ic.request.post(`/api/v1/incidents/${ref}/workstreams`, { data: { title: "Acquirer timeouts", goal: "Find which acquirer times out", lead: "mpatel" } });
  expect(ws.status()).toBe(201);

  // The incoming person is elsewhere in Conn (the incident list), with its live connection up.
  const next = await signedIn(browser, "jtsimmons@example.com");
  await openLive(ic, ref);
  await expect(ic.getByTestId("handover-banner")).toHaveCount(0);

  // The outgoing IC opens the handover: the page's workstreams are already in the briefing.
  await ic.getByRole("region", { name: "Incident summary" }).getByRole("button", { name: "Hand over" }).click();
  const dialog = ic.getByRole("dialog", { name: "Hand over command" });
  await expect(dialog.getByLabel("Workstreams")).toHaveValue("- Acquirer timeouts — @mpatel — active");
  await expect(dialog).toContainText("@ic stays in command until the person you pick reads this briefing and accepts");

  // Without a person and a state, the server's field errors show next to the fields.
  await dialog.getByRole("button", { name: "Offer command" }).click();
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
  await dialog.getByRole("button", { name: "Offer command" }).click();
  await expect(dialog).toBeHidden();

  // Until accepted, the outgoing IC keeps command, and the header says who was offered it, since when.
  await expect(ic.getByTestId("commander").getByTitle("Ian Commander")).toHaveText("@ic");
  await expect(ic.getByTestId("roles").locator("[data-role='commander'] li[data-handle]")).toHaveAttribute("data-handle", "ic");
  await expect(ic.getByTestId("handover-pending")).toContainText("handover offered to @jtsimmons,");
  const waiting = ic.getByTestId("handover-banner");
  await expect(waiting).toContainText("Waiting for @jtsimmons to accept");
  await expect(waiting).toContainText(/expires in \d+m/);
  await expect(waiting.getByRole("button", { name: "I have the conn" })).toHaveCount(0);

  // The incoming person is told where they are, without reloading, and goes to the briefing.
  const bar = next.getByRole("alert", { name: "Command handed to you or taken from you" });
  await expect(bar).toContainText(`@ic offers you command of ${ref}`);
  await bar.getByRole("link", { name: "Read the briefing" }).click();
  await expect(next).toHaveURL(new RegExp(`/incidents/${ref}#handover$`));
  await expect(next.getByTestId("connection")).toHaveAttribute("data-state", "live");

  // The briefing is a checklist: "I have the conn" waits until each part is ticked.
  const banner = next.getByTestId("handover-banner");
  await expect(banner.getByRole("heading", { name: "@ic offers you command" })).toBeVisible();
  await expect(banner).toContainText(state);
  const accept = banner.getByRole("button", { name: "I have the conn" });
  await expect(accept).toBeDisabled();
  const parts = banner.getByRole("checkbox");
  await expect(parts).toHaveCount(3); // state, workstreams and next update: the parts this briefing has (no open decisions)
  for (const part of await parts.all()) await part.check();
  await accept.click();
  await expect(banner).toHaveCount(0);
  await expect(bar).toHaveCount(0);

  // Both see command move live; the timeline says it was accepted.
  for (const page of [ic, next]) {
    const commanderRow = page.getByTestId("roles").locator("[data-role='commander']");
    await expect(commanderRow.locator("li[data-handle]")).toHaveAttribute("data-handle", "jtsimmons");
    await expect(commanderRow.getByTestId("handover-ack")).toHaveText("accepted from @ic");
    await expect(page.getByTestId("handover-pending")).toHaveCount(0);
    await expect(page.getByTestId("timeline")).toContainText("@jtsimmons accepted command from @ic: has the conn");
  }
  await expect(waiting).toHaveCount(0);
  // The outgoing IC now sees "Take command" (only for an absent commander), not "Hand over".
  await expect(ic.getByRole("region", { name: "Incident summary" }).getByRole("button", { name: "Take command" })).toBeVisible();

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
  // Ruling out says what was checked (required) and where to see it, so nobody checks it twice.
  await item.getByRole("button", { name: "Ruled out" }).click();
  await item.getByRole("button", { name: "Rule out" }).click();
  await expect(item.getByText("Say what was checked", { exact: true })).toBeVisible();
  await expect(item).toHaveAttribute("data-state", "open");
  await item.getByLabel("What was checked?").fill("Broker logs for the last hour: no MessageSizeTooLarge");
  await item.getByLabel("Link (optional)").fill("https://logs.example.com/q/broker-errors");
  await item.getByRole("button", { name: "Rule out" }).click();
  await expect(item).toHaveAttribute("data-state", "ruled_out");
  await expect(item.getByRole("button", { name: "Ruled out" })).toHaveAttribute("aria-pressed", "true");
  await expect(item.getByTestId("evidence")).toContainText("Checked: Broker logs for the last hour: no MessageSizeTooLarge — @ic");
  await expect(item.getByRole("link", { name: "evidence" })).toHaveAttribute("href", "https://logs.example.com/q/broker-errors");
  await expect(board.getByTestId("board-ruled_out")).toContainText("The batch size change overflows the produce limit");
  await expect(board.getByTestId("board-hypothesis")).toHaveCount(0);
  await ic.evaluate(() => window.scrollTo(0, 0));
  await screenshot(ic, "board-ruled-out-desktop-light");
  await expect(ic.getByTestId("timeline")).toContainText("Hypothesis ruled out: The batch size change overflows the produce limit");

  // A viewer sees the same work, and no control to change it.
  const exec = await signedIn(browser, "exec@example.com");
  await openLive(exec, ref);
  await expect(exec.getByTestId("workstream").filter({ hasText: "Cache purge" })).toHaveAttribute("data-status", "blocked");
  await expect(exec.getByTestId("board-item")).toContainText("Ruled out");
  await expect(exec.getByTestId("evidence")).toContainText("Checked: Broker logs for the last hour");
  await expect(exec.getByRole("region", { name: "Roles" })).toContainText("@ic");
  // The same buttons the commander had above; none of them for a viewer.
  for (const name of [/^Hand over/, /^Take command/, /^New workstream$/, /^Add item$/, /^Blocked$/, /^Ruled out$/, /^Edit/, /^Replace/, /^Assign/, /^Add an SME$/]) {
    await expect(exec.getByRole("button", { name })).toHaveCount(0);
  }

  await exec.context().close();
  await ic.context().close();
});
