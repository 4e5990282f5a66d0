import "server-only";
// The signed-in person for a page or server action (session cookie only).
// Apart from actor.ts because next/headers only works inside Next's request
// context, and the custom server imports actor.ts before Next is ready.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { loadActor, type Actor } from "./actor";
import { userIdFromCookieHeader } from "./session-token";

export async function currentActor(): Promise<Actor | null> {
  const h = await headers();
  const userId = await userIdFromCookieHeader(h.get("cookie"));
  return userId ? loadActor(userId, { tokenId: null, automation: false }, h) : null;
}

/**
 * The signed-in person, or a redirect to sign-in. Pages use this rather than
 * trusting the layout's check: Next renders a layout and its page in parallel,
 * so a page must not assume the layout already turned a signed-out visitor away.
 */
export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect("/signin");
  return actor;
}
