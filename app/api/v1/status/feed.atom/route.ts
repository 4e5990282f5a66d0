import { withApi } from "@/lib/server/api-handler";
import { publicOrigin } from "@/lib/server/public-url";
import { loadStatusFeed, statusFeedXml } from "@/lib/server/status/data";

// GET /api/v1/status/feed.atom?token=<api token> — an Atom feed of exec and internal updates of
// non-private incidents (30 days, newest 100). Feed readers cannot send headers, so the token may
// ride in the URL; `Authorization: Bearer` works too, and so does a browser's session. A token that
// was given must be valid: there is no fallback to the session (withApi's `tokenInQuery`).
export const GET = withApi({ tokenInQuery: true }, async ({ actor, req }) => {
  const xml = statusFeedXml(await loadStatusFeed(actor), publicOrigin(req.headers));
  return new Response(xml, {
    status: 200,
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" },
  });
});
