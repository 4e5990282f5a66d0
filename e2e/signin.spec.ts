// Signing in and out as the demo people: where each lands, what a viewer is not
// offered, what a wrong or rate-limited sign-in says, and that signing out ends the session.
import type { BrowserContext, Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, signIn, test } from "./fixtures";

const SESSION_COOKIE = "next-auth.session-token";

/** The sign-in form's message (Next's empty route announcer is an alert too). */
const formAlert = (page: Page) => page.getByRole("alert").filter({ hasText: /./ });

const sessionCookies = async (context: BrowserContext) => (await context.cookies()).filter((c) => c.name.startsWith(SESSION_COOKIE));

// Responders land in the war room; a read-only viewer on the exec status view.
const demoPeople = [
  { email: "admin@example.com", handle: "admin", role: "admin", canDeclare: true, lands: "/dashboard", heading: "War room" },
  { email: "ic@example.com", handle: "ic", role: "responder", canDeclare: true, lands: "/dashboard", heading: "War room" },
  { email: "exec@example.com", handle: "exec", role: "viewer", canDeclare: false, lands: "/status", heading: "Status" },
] as const;

for (const person of demoPeople) {
  test(`${person.email} (${person.role}) signs in and lands on ${person.lands}`, async ({ page, context }) => {
    await signIn(page, person.email);
    await expect(page).toHaveURL(new RegExp(`${person.lands}$`));
    await expect(page.getByRole("heading", { level: 1, name: person.heading })).toBeVisible();
    await expect(page.getByRole("banner").getByText(`@${person.handle}`, { exact: true })).toBeVisible();
    // The demo data's incidents are listed for everyone, the viewer included.
    await expect(page.getByRole("link", { name: /INC-\d+/ }).first()).toBeVisible();
    expect(await sessionCookies(context)).toEqual([expect.objectContaining({ httpOnly: true, sameSite: "Lax" })]);

    const declareButton = page.getByRole("button", { name: /Declare/ });
    if (person.canDeclare) {
      await expect(declareButton).toBeVisible();
    } else {
      // A viewer is offered no way to declare: no button, and the "d" shortcut opens nothing.
      await expect(declareButton).toHaveCount(0);
      await page.getByRole("heading", { level: 1, name: person.heading }).click();
      await page.keyboard.press("d");
      await expect(page.getByRole("dialog")).toHaveCount(0);
    }
  });
}

test("wrong credentials keep you on the sign-in page with a clear message, whether the email exists or not", async ({ page, context }) => {
  for (const [email, password] of [
    ["admin@example.com", "conn-demo-wrong"],
    ["nobody@example.com", DEMO_PASSWORD],
  ] as const) {
    await signIn(page, email, password);
    await expect(formAlert(page)).toHaveText("Wrong email or password.");
    await expect(page).toHaveURL(/\/signin/);
    // The form can be used again at once.
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
    expect(await sessionCookies(context)).toEqual([]);
  }
});

test("signing out returns to the sign-in page, and the incident list then sends you to sign in", async ({ page, context }) => {
  await signIn(page, "ic@example.com");
  await expect(page.getByRole("heading", { level: 1, name: "War room" })).toBeVisible();
  await expect(page.getByTestId("connection")).toHaveAttribute("data-state", "live"); // hydrated: buttons work
  expect(await sessionCookies(context)).toHaveLength(1);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  expect(await sessionCookies(context)).toEqual([]);

  await page.goto("/incidents");
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByLabel("Password")).toBeVisible();
  // The API agrees: the session is gone.
  expect((await page.request.get("/api/v1/incidents")).status()).toBe(401);
});

/** Wrong sign-ins straight to next-auth, as the form would send them, to use up an email's attempts quickly. */
async function failSignIns(page: Page, email: string, count: number) {
  for (let i = 0; i < count; i++) {
    const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
    const res = await page.request.post("/api/auth/callback/credentials", {
      form: { csrfToken, email, password: `wrong-${i}`, json: "true" },
      maxRedirects: 0,
    });
    expect(res.status(), `attempt ${i + 1}`).toBe(401);
  }
}

test("too many attempts for one email say so on the sign-in page, and the form stays usable", async ({ page, context }) => {
  // An email of its own: the limit is per email and address (10 per 15 minutes, lib/server/rate-limit.ts).
  const email = "rate-limited-visitor@example.com";
  await failSignIns(page, email, 10);
  await signIn(page, email, "one more try");
  await expect(formAlert(page)).toHaveText("Too many sign-in attempts. Wait a few minutes and try again.");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  await expect(page).toHaveURL(/\/signin/);
  expect(await sessionCookies(context)).toEqual([]);
});

// ─── The password never reaches a URL; the callback never leaves Conn ───────

/** Every request the page makes (redirect hops included), to look for the password in their URLs. */
function recordRequests(page: Page) {
  const requests: { method: string; url: string }[] = [];
  page.on("request", (req) => requests.push({ method: req.method(), url: req.url() }));
  return requests;
}

test.describe("without JavaScript (a click before the page is interactive)", () => {
  test.use({ javaScriptEnabled: false });

  test("the form posts the password in the body, and you land signed in", async ({ page, context }) => {
    const requests = recordRequests(page);
    await signIn(page, "ic@example.com");
    await expect(page).toHaveURL(/\/dashboard$/);
    expect(requests).toContainEqual({ method: "POST", url: expect.stringMatching(/\/api\/signin$/) });
    for (const { url } of requests) {
      expect(url).not.toContain(DEMO_PASSWORD);
      expect(url).not.toContain("password");
    }
    expect(await sessionCookies(context)).toEqual([expect.objectContaining({ httpOnly: true, sameSite: "Lax" })]);
  });

  test("a wrong password shows the error on the sign-in page", async ({ page, context }) => {
    const requests = recordRequests(page);
    await signIn(page, "ic@example.com", "conn-demo-wrong");
    await expect(page).toHaveURL(/\/signin\?error=CredentialsSignin$/);
    await expect(formAlert(page)).toHaveText("Wrong email or password.");
    for (const { url } of requests) expect(url).not.toContain("conn-demo-wrong");
    expect(await sessionCookies(context)).toEqual([]);
  });

  test("a hostile callbackUrl ends on Conn's own landing page", async ({ page, baseURL }) => {
    const requests = recordRequests(page);
    await page.goto(`/signin?callbackUrl=${encodeURIComponent("/\\evil.example")}`);
    await page.getByLabel("Email").fill("ic@example.com");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${baseURL}/dashboard`);
    expect(requests.filter((r) => new URL(r.url).origin !== new URL(baseURL!).origin)).toEqual([]);
  });
});

/** The sign-in form is hydrated: React has attached its handlers (so a click runs signIn(), not the native POST). */
async function formHydrated(page: Page) {
  await page.waitForFunction(() => {
    const form = document.querySelector("form");
    return Boolean(form && Object.keys(form).some((key) => key.startsWith("__reactProps")));
  });
}

test("with JavaScript, Sign in goes through next-auth's signIn() and the password stays out of URLs", async ({ page, context }) => {
  const requests = recordRequests(page);
  await page.goto("/signin");
  await formHydrated(page);
  await page.getByLabel("Email").fill("ic@example.com");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  expect(requests).toContainEqual({ method: "POST", url: expect.stringMatching(/\/api\/auth\/callback\/credentials$/) });
  expect(requests.map((r) => r.url)).not.toContainEqual(expect.stringMatching(/\/api\/signin$/));
  for (const { url } of requests) expect(url).not.toContain(DEMO_PASSWORD);
  expect(await sessionCookies(context)).toEqual([expect.objectContaining({ httpOnly: true, sameSite: "Lax" })]);
});

test("with JavaScript, /signin?callbackUrl=/\\evil.example ends on Conn's own landing page", async ({ page, baseURL }) => {
  const requests = recordRequests(page);
  await page.goto(`/signin?callbackUrl=${encodeURIComponent("/\\evil.example")}`);
  await formHydrated(page);
  await page.getByLabel("Email").fill("ic@example.com");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${baseURL}/dashboard`);
  await expect(page.getByRole("heading", { level: 1, name: "War room" })).toBeVisible();
  expect(requests.filter((r) => new URL(r.url).origin !== new URL(baseURL!).origin)).toEqual([]);
});
