// POST /api/signin — the sign-in form's native submission (a click before the page is
// interactive, or no JavaScript at all), so the password travels in a POST body and
// never in a URL. From Conn's own pages only (Origin), read strictly, rate limited like
// next-auth's callback, then next-auth's credentials callback signs in and sets the
// same HttpOnly, SameSite=Lax session cookie. Answers 303: to the callback path on
// success, back to /signin?error=… otherwise.
import { safeCallbackPath } from "@/lib/domain/callback-url";
import { AppError } from "@/lib/domain/errors";
import { REMOTE_ADDR_HEADER } from "@/lib/server/actor";
import { errorResponse } from "@/lib/server/api-handler";
import { publicOrigin } from "@/lib/server/public-url";
import { signInSucceeded, takeSignInAttempt } from "@/lib/server/rate-limit";
import { credentialsCallback, fromOwnPage, readSignInForm } from "@/lib/server/sign-in";

/** A relative Location: the browser stays on the origin it used, whatever Conn thinks its URL is. */
function seeOther(location: string, setCookies: string[] = []): Response {
  const headers = new Headers({ Location: location, "Cache-Control": "no-store" });
  for (const cookie of setCookies) headers.append("Set-Cookie", cookie);
  return new Response(null, { status: 303, headers });
}

function backToSignIn(error: string, callbackPath: string): Response {
  const query = new URLSearchParams({ error });
  if (callbackPath !== "/") query.set("callbackUrl", callbackPath);
  return seeOther(`/signin?${query}`);
}

export async function POST(req: Request) {
  if (!fromOwnPage(req)) return errorResponse(new AppError("forbidden", "Sign in from Conn's own sign-in page."));
  const form = await readSignInForm(req);
  const callbackPath = safeCallbackPath(form?.get("callbackUrl"), publicOrigin(req.headers));
  if (!form) return backToSignIn("CredentialsSignin", callbackPath);

  const email = form.get("email") ?? "";
  const password = form.get("password") ?? "";
  const ip = req.headers.get(REMOTE_ADDR_HEADER);
  try {
    await takeSignInAttempt(email, ip);
  } catch (error) {
    if (error instanceof AppError && error.code === "rate_limited") return backToSignIn("RateLimited", callbackPath);
    throw error;
  }
  const result = await credentialsCallback(req, { email, password, callbackUrl: callbackPath });
  if (!result.signedIn) return backToSignIn("CredentialsSignin", callbackPath);
  await signInSucceeded(email, ip);
  return seeOther(callbackPath, result.setCookies);
}
