// next-auth's routes (/api/auth/*). Credential sign-ins are read strictly and rate
// limited first: a form that repeats a field is refused (400) with nothing counted or
// checked, and the attempt is taken atomically before any password is checked (429 once
// spent, the right password too), then given back when the sign-in succeeds.
import { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { AppError } from "@/lib/domain/errors";
import { authOptions } from "@/lib/server/auth";
import { errorResponse } from "@/lib/server/api-handler";
import { REMOTE_ADDR_HEADER } from "@/lib/server/actor";
import { signInSucceeded, takeSignInAttempt } from "@/lib/server/rate-limit";
import { readSignInForm, setsSession } from "@/lib/server/sign-in";

type Ctx = { params: Promise<{ nextauth: string[] }> };

let handler: ((req: Request, ctx: Ctx) => Promise<Response>) | undefined;
const nextAuth = () => (handler ??= NextAuth(authOptions()) as (req: Request, ctx: Ctx) => Promise<Response>);

export function GET(req: Request, ctx: Ctx) {
  return nextAuth()(req, ctx);
}

export async function POST(req: Request, ctx: Ctx) {
  const { nextauth } = await ctx.params;
  if (nextauth.join("/") !== "callback/credentials") return nextAuth()(req, ctx);

  const form = await readSignInForm(req);
  if (!form) {
    const refused = new AppError("invalid_input", "Send the sign-in form urlencoded, each field once.");
    return withSignInUrl(req, errorResponse(refused), "CredentialsSignin");
  }
  const email = form.get("email") ?? "";
  const ip = req.headers.get(REMOTE_ADDR_HEADER);
  try {
    await takeSignInAttempt(email, ip);
  } catch (error) {
    return withSignInUrl(req, errorResponse(error), "RateLimited");
  }
  // next-auth reads exactly the fields that were counted: one of each, urlencoded.
  const counted = new NextRequest(new URL(new URL(req.url).pathname, req.url), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
  });
  const res = await nextAuth()(counted, ctx);
  if (setsSession(res.headers.getSetCookie())) await signInSucceeded(email, ip);
  return res;
}

/**
 * A refusal with a `url` as next-auth's own answers carry one: its client `signIn()`
 * reads `new URL(data.url)` from every answer and, without one, throws, leaving the
 * sign-in form stuck on "Signing in…" instead of saying why.
 */
async function withSignInUrl(req: Request, refused: Response, error: string): Promise<Response> {
  const url = new URL(`/signin?error=${error}`, req.url).toString();
  const retryAfter = refused.headers.get("retry-after");
  return Response.json({ ...((await refused.json()) as object), url }, { status: refused.status, headers: retryAfter ? { "Retry-After": retryAfter } : {} });
}
