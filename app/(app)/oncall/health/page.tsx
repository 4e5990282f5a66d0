import type { Metadata } from "next";
import { HealthView } from "@/components/schedule/health-view";
import { OnCallTabs } from "@/components/schedule/oncall-tabs";
import { AppError } from "@/lib/domain/errors";
import { healthQuerySchema, type HealthQuery } from "@/lib/domain/oncall-health";
import { requireActor } from "@/lib/server/current-actor";
import { loadOncallHealth } from "@/lib/server/oncall/health";
import { listTeamOptions } from "@/lib/server/teams/data";

export const metadata: Metadata = { title: "On-call health" };

type Props = { searchParams: Promise<{ days?: string; team?: string }> };

export default async function OncallHealthPage({ searchParams }: Props) {
  const actor = await requireActor();
  const params = await searchParams;
  // A hand-edited URL with a bad window or an unknown team shows the default view rather than an error page.
  const parsed = healthQuerySchema.safeParse(params);
  const requested = parsed.success ? parsed.data : healthQuerySchema.parse({});
  const [teams, { query, initial }] = await Promise.all([
    listTeamOptions(actor),
    loadOncallHealth(actor, requested).then(
      (initial) => ({ query: requested, initial }),
      async (error: unknown) => {
        if (!(error instanceof AppError && error.code === "not_found")) throw error;
        const everyTeam: HealthQuery = { days: requested.days };
        return { query: everyTeam, initial: await loadOncallHealth(actor, everyTeam) };
      },
    ),
  ]);
  return (
    <div className="space-y-4">
      <OnCallTabs current="/oncall/health" />
      <h1 className="text-xl font-bold">On-call health</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        The on-call pain numbers, worst burden first: pages per person, those that reached them outside their own working hours (their time zone, or their
        weekend), how fast they were acknowledged, and hours on call. A private incident&apos;s pages count only for its members; nothing about any incident is shown.
      </p>
      <HealthView initial={initial} teams={teams} initialTeam={query.team ?? ""} />
    </div>
  );
}
