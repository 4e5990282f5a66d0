import { AppError } from "@/lib/domain/errors";
import { actorFromBearer, actorFromRequest } from "@/lib/server/actor";
import { errorResponse } from "@/lib/server/api-handler";
import { publicOrigin } from "@/lib/server/public-url";
import { loadStatusFeed, statusFeedXml } from "@/lib/server/status";

// GET /api/v1/status/feed.atom?token=<api token> — an Atom feed of exec and internal updates of
// non-private incidents (30 days, newest 100). Feed readers cannot send headers, so the token may
// ride in the URL; `Authorization: Bearer` works too, and so does a browser's session.
export async function GET(req: Request) {
  try {
    const token = new URL(req.url).searchParams.get("token");
    // A token that was given must be valid: never fall back to the session when it is not.
    const actor = token ? await actorFromBearer(token, req.headers) : await actorFromRequest(req);
    if (!actor) throw new AppError("unauthenticated", "Add ?token=<your API token> to the feed URL (create one under Settings → API tokens).");
    const xml = statusFeedXml(await loadStatusFeed(actor), publicOrigin(req.headers));
    return new Response(xml, {
      status: 200,
      headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
