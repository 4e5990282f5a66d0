import "server-only";
// The signed-in person for a page or server action (session cookie only).
// Apart from actor.ts because next/headers only works inside Next's request
// context, and the custom server imports actor.ts before Next is ready.
import { headers } from "next/headers";
import { loadActor, type Actor } from "./actor";
import { userIdFromCookieHeader } from "./session-token";

export async function currentActor(): Promise<Actor | null> {
  const h = await headers();
  const userId = await userIdFromCookieHeader(h.get("cookie"));
  return userId ? loadActor(userId, { tokenId: null, automation: false }, h) : null;
}
