import type { Metadata } from "next";
import { WarRoom } from "@/components/dashboard/war-room";
import { dashboardQuerySchema } from "@/lib/domain/schemas";
import { requireActor } from "@/lib/server/current-actor";
import { dashboardFilters, loadDashboard } from "@/lib/server/dashboard/data";

export const metadata: Metadata = { title: "War room" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ service?: string; team?: string }> }) {
  const actor = await requireActor();
  const parsed = dashboardQuerySchema.safeParse(await searchParams);
  const filters = parsed.success ? parsed.data : {};
  const [initial, options] = await Promise.all([loadDashboard(actor, filters), dashboardFilters(actor)]);
  return <WarRoom initial={initial} filters={filters} options={options} />;
}
