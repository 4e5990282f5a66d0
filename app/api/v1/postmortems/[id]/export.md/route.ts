import { z } from "zod";
import { withApi } from "@/lib/server/api-handler";
import { exportPostmortem } from "@/lib/server/postmortems/data";

const params = z.object({ id: z.string().min(1).max(50) });

// GET /api/v1/postmortems/{id}/export.md — the whole postmortem as a Markdown download.
export const GET = withApi({ params }, async ({ actor, params }) => {
  const { filename, markdown } = await exportPostmortem(actor, { id: params.id });
  return new Response(markdown, {
    headers: { "Content-Type": "text/markdown; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store" },
  });
});
