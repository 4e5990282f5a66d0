// GET /api/health — 200 when Postgres answers, 503 otherwise. No auth: for load balancers and start scripts.
import { db } from "@/lib/server/db";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await db().$queryRaw`SELECT 1`;
    return Response.json({ status: "ok", db: "ok" });
  } catch {
    return Response.json({ status: "degraded", db: "unavailable" }, { status: 503 });
  }
}
