// An admin sets up a weekly rotation, covers a day with an override, and sees
// both on the calendar (week and month) of the final schedule; removing the
// override takes it off again. The viewer's clock (Chicago) differs from the
// schedule's (Berlin), so the page converts between them.
import { DateTime } from "luxon";
import { expect, signInReady, test } from "./fixtures";

const VIEWER_ZONE = "America/Chicago";
test.use({ timezoneId: VIEWER_ZONE });

test("admin creates a weekly rotation with an override and sees both on the calendar", async ({ page }) => {
  const name = `Payments weekend ${Date.now()}`;
  // The last Monday 09:00 on the schedule's clock: participant 0's first shift is running now.
  const berlinNow = DateTime.now().setZone("Europe/Berlin");
  const thisMonday = berlinNow.startOf("week").set({ hour: 9 });
  const start = thisMonday > berlinNow ? thisMonday.minus({ weeks: 1 }) : thisMonday;
  // Tomorrow 10:00–18:00 on the viewer's clock.
  const coverFrom = DateTime.now().setZone(VIEWER_ZONE).plus({ days: 1 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
  const coverTo = coverFrom.set({ hour: 18 });

  await signInReady(page, "admin@example.com");
  await page.getByRole("link", { name: "On-call", exact: true }).click();
  await expect(page.getByRole("heading", { name: "On-call schedules" })).toBeVisible();

  // ─── Create the rotation ───
  await page.getByRole("button", { name: "New schedule" }).click();
  const dialog = page.getByRole("dialog", { name: "New on-call schedule" });
  await dialog.getByLabel("Name", { exact: true }).fill(name);
  await dialog.getByLabel("Team").selectOption({ label: "Payments" });
  await dialog.getByLabel("Time zone").fill("Europe/Berlin");
  await dialog.getByLabel("First shift starts").fill(start.toFormat("yyyy-MM-dd'T'HH:mm"));
  await expect(dialog.getByLabel("Shift length")).toHaveValue("1");
  await expect(dialog.getByLabel("Shift unit")).toHaveValue("week");
  // Nobody in the rotation yet: the server refuses it, under the participant field.
  await dialog.getByRole("button", { name: "Create schedule" }).click();
  await expect(dialog.getByRole("alert").filter({ hasText: "At least one participant" })).toBeVisible();
  await expect(dialog.getByRole("alert").filter({ hasText: "Check the marked fields." })).toBeVisible();
  for (const handle of ["jtsimmons", "mpatel"]) {
    await dialog.getByLabel("Add a participant").fill(handle);
    await dialog.getByRole("option", { name: new RegExp(`@${handle}`) }).click();
  }
  const order = dialog.getByRole("list", { name: /Participants, in order/ });
  await expect(order.getByRole("listitem")).toHaveText([/Jamie T\. Simmons/, /Meera Patel/]);
  await dialog.getByRole("button", { name: "Create schedule" }).click();

  await expect(page).toHaveURL(/\/schedules\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const scheduleId = page.url().split("/").pop()!;
  // Participant 0 holds the shift that began this Monday.
  await expect(page.getByRole("region", { name: "On call now" })).toContainText("Jamie T. Simmons");
  await expect(page.getByRole("region", { name: "Next on call" })).toContainText("Meera Patel");

  const calendar = page.getByRole("region", { name: "Calendar" });
  const rotationBlocks = calendar.getByRole("listitem", { name: /^Jamie T\. Simmons \(Weekly\)/ });
  await expect(rotationBlocks.first()).toBeVisible();
  // Monday 09:00 in Berlin shows at the viewer's 02:00 (or 03:00 in the weeks the two zones' DST differ).
  await expect(rotationBlocks.first()).toHaveAccessibleName(/Jamie T\. Simmons \(Weekly\), Mon \d+ \w+, 0[23]:00 to Mon \d+ \w+, 0[23]:00/);

  // ─── Add the override ───
  await page.getByRole("button", { name: "Add an override" }).click();
  const form = page.getByRole("form", { name: "Add an override" });
  await form.getByLabel("Who covers").fill("lchen");
  await form.getByRole("option", { name: /@lchen/ }).click();
  await form.getByLabel(`From (${VIEWER_ZONE})`).fill(coverFrom.toFormat("yyyy-MM-dd'T'HH:mm"));
  // Ending before it starts: refused under "Until".
  await form.getByLabel(`Until (${VIEWER_ZONE})`).fill(coverFrom.minus({ hours: 1 }).toFormat("yyyy-MM-dd'T'HH:mm"));
  await form.getByRole("button", { name: "Add override" }).click();
  await expect(form.getByRole("alert").filter({ hasText: "Must be after start" })).toBeVisible();
  await form.getByLabel(`Until (${VIEWER_ZONE})`).fill(coverTo.toFormat("yyyy-MM-dd'T'HH:mm"));
  await form.getByRole("button", { name: "Add override" }).click();

  const overrides = page.getByRole("list", { name: "Overrides" });
  await expect(overrides).toContainText("Lin Chen");
  await expect(overrides).toContainText(`${coverFrom.toFormat("ccc d LLL")}, 10:00 → ${coverTo.toFormat("ccc d LLL")}, 18:00`);

  // The calendar shows the override, marked, next to the rotation.
  if (coverFrom.startOf("week").toISODate() !== DateTime.now().setZone(VIEWER_ZONE).startOf("week").toISODate()) {
    await calendar.getByRole("button", { name: "Next week" }).click();
  }
  const overrideBlock = calendar.getByRole("listitem", { name: /^Override: Lin Chen/ });
  await expect(overrideBlock).toHaveCount(1);
  await expect(overrideBlock).toHaveAttribute("data-source", "override");
  await expect(overrideBlock).toContainText("10:00–18:00");
  await expect(overrideBlock).toHaveAccessibleName(`Override: Lin Chen, ${coverFrom.toFormat("ccc d LLL")}, 10:00 to ${coverTo.toFormat("ccc d LLL")}, 18:00`);
  const day = calendar.getByRole("listitem", { name: coverFrom.toFormat("cccc d LLLL"), exact: true });
  // The rotation holds the rest of that day, around the override (and on a Monday, the handoff at 09:00 Berlin splits it once more).
  await expect(day.getByRole("listitem", { name: /\(Weekly\)/ })).toHaveCount(coverFrom.weekday === 1 ? 3 : 2);

  // The API agrees: in the middle of the override, Lin Chen is on call, from the override.
  const middle = coverFrom.plus({ hours: 4 }).toUTC().toISO()!;
  const onCall = await page.request.get(`/api/v1/schedules/${scheduleId}/oncall?at=${encodeURIComponent(middle)}`);
  expect(await onCall.json()).toMatchObject({ users: [{ handle: "lchen" }], source: "override" });

  // Month view: the override and the rotation, both there.
  await calendar.getByRole("button", { name: "Month", exact: true }).click();
  await calendar.getByRole("button", { name: "Today" }).click();
  if (coverFrom.month !== DateTime.now().setZone(VIEWER_ZONE).month) await calendar.getByRole("button", { name: "Next month" }).click();
  await expect(calendar.getByRole("heading", { name: coverFrom.toFormat("LLLL yyyy") })).toBeVisible();
  const monthDay = calendar.getByRole("listitem", { name: coverFrom.toFormat("cccc d LLLL"), exact: true });
  await expect(monthDay.getByRole("listitem", { name: /^Override: Lin Chen/ })).toContainText("@lchen");
  await expect(calendar.getByRole("listitem", { name: /\(Weekly\)/ }).first()).toBeVisible();

  // ─── Remove it again ───
  await overrides.getByRole("button", { name: /Remove the override of @lchen/ }).click();
  await expect(page.getByText("No overrides now or coming up.")).toBeVisible();
  await expect(calendar.getByRole("listitem", { name: /^Override: Lin Chen/ })).toHaveCount(0);

  // ─── Rename it (after someone else saved first), then delete it ───
  await page.getByRole("button", { name: "Edit rotation" }).click();
  const editor = page.getByRole("form", { name: "Edit rotation" });
  const { version } = (await (await page.request.get(`/api/v1/schedules/${scheduleId}`)).json()) as { version: number };
  expect((await page.request.patch(`/api/v1/schedules/${scheduleId}`, { data: { version, name: `${name} (theirs)` } })).status()).toBe(200);
  await editor.getByLabel("Name", { exact: true }).fill(`${name} (old)`);
  await editor.getByRole("button", { name: "Save rotation" }).click();
  await expect(editor.getByRole("alert")).toContainText("changed since you read it");
  await expect(editor.getByRole("alert")).toContainText("Your changes are still here");
  await expect(editor.getByLabel("Name", { exact: true })).toHaveValue(`${name} (old)`);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: `${name} (theirs)` })).toBeVisible();
  await page.getByRole("button", { name: "Edit rotation" }).click();
  await editor.getByLabel("Name", { exact: true }).fill(`${name} (old)`);
  await expect(editor.getByLabel("Team")).toHaveValue("payments");
  await editor.getByRole("button", { name: "Save rotation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${name} (old)` })).toBeVisible();
  await page.getByRole("button", { name: "Delete schedule" }).click();
  const confirm = page.getByRole("dialog", { name: `Delete ${name} (old)?` });
  await confirm.getByRole("button", { name: "Delete schedule" }).click();
  await expect(page).toHaveURL(/\/schedules$/);
  await expect(page.getByRole("heading", { name: "On-call schedules" })).toBeVisible();
  await expect(page.getByRole("link", { name: `${name} (old)` })).toHaveCount(0);
  expect((await page.request.get(`/api/v1/schedules/${scheduleId}`)).status()).toBe(404);
});

test("a viewer reads the schedules but gets no way to edit them", async ({ page }) => {
  await signInReady(page, "exec@example.com");
  await page.getByRole("link", { name: "On-call", exact: true }).click();
  await expect(page.getByRole("heading", { name: "On-call schedules" })).toBeVisible();
  await expect(page.getByRole("button", { name: "New schedule" })).toHaveCount(0);
  await page.getByRole("link", { name: "Payments primary" }).click();
  await expect(page.getByRole("region", { name: "On call now" })).toContainText("@");
  await expect(page.getByRole("region", { name: "Calendar" }).getByRole("listitem", { name: /\(Weekly\)/ }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Edit rotation" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete schedule" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add an override" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Remove the override/ })).toHaveCount(0);
});
