// next-auth's routes (/api/auth/*). Credential sign-ins are rate limited first:
// 429 before any password is checked, once too many attempts have failed.
import NextAuth from "next-auth";
import { authOptions } from "@/lib/server/auth";
import { errorResponse } from "@/lib/server/api-handler";
import { REMOTE_ADDR_HEADER } from "@/lib/server/actor";
import { limitSignIn, recordSignIn } from "@/lib/server/rate-limit";

type Ctx = { params: Promise<{ nextauth: string[] }> };

let handler: ((req: Request, ctx: Ctx) => Promise<Response>) | undefined;
const nextAuth = () => (handler ??= NextAuth(authOptions()) as (req: Request, ctx: Ctx) => Promise<Response>);

export function GET(req: Request, ctx: Ctx) {
  return nextAuth()(req, ctx);
}

export async function POST(req: Request, ctx: Ctx) {
  const { nextauth } = await ctx.params;
  if (nextauth.join("/") === "callback/credentials") {
    let email = "";
    try {
      email = String((await req.clone().formData()).get("email") ?? "");
    } catch {
      // Not a form: next-auth will refuse it; still counted against the address.
    }
    const ip = req.headers.get(REMOTE_ADDR_HEADER);
    try {
      await limitSignIn(email, ip);
    } catch (error) {
      return rateLimitedSignIn(req, errorResponse(error));
    }
    const res = await nextAuth()(req, ctx);
    await recordSignIn(email, ip, signedIn(res));
    return res;
  }
  return nextAuth()(req, ctx);
}

/** next-auth answers a good sign-in by setting the session cookie. */
function signedIn(res: Response): boolean {
  return res.headers.getSetCookie().some((c) => /session-token=[^;]+/.test(c) && !/session-token=;/.test(c));
}

/**
 * The 429 with a `url` as next-auth's own answers carry one: its client `signIn()`
 * reads `new URL(data.url)` from every answer and, without one, throws, leaving
 * the sign-in form stuck on "Signing in…" instead of saying why.
 */
async function rateLimitedSignIn(req: Request, refused: Response): Promise<Response> {
  if (refused.status !== 429) return refused;
  const url = new URL("/signin?error=RateLimited", req.url).toString();
  const retryAfter = refused.headers.get("retry-after");
  return Response.json({ ...((await refused.json()) as object), url }, { status: 429, headers: retryAfter ? { "Retry-After": retryAfter } : {} });
}
