// next-auth's routes (/api/auth/*). Credential sign-ins are rate limited first:
// 429 before any password is checked.
import NextAuth from "next-auth";
import { authOptions } from "@/lib/server/auth";
import { errorResponse } from "@/lib/server/api-handler";
import { REMOTE_ADDR_HEADER } from "@/lib/server/actor";
import { limitSignIn } from "@/lib/server/rate-limit";

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
    try {
      await limitSignIn(email, req.headers.get(REMOTE_ADDR_HEADER));
    } catch (error) {
      return rateLimitedSignIn(req, errorResponse(error));
    }
  }
  return nextAuth()(req, ctx);
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
