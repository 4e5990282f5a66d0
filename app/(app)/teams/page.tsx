import { CatalogTabs } from "@/components/ui/section-tabs";
import type { Metadata } from "next";
import Link from "next/link";
import { Tag } from "@/components/ui/badges";
import { CreateTeamButton } from "@/components/team/create-team";
import { hasRole } from "@/lib/server/access";
import { requireActor } from "@/lib/server/current-actor";
import { listTeams } from "@/lib/server/teams/data";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage() {
  const actor = await requireActor();
  const { items } = await listTeams(actor);
  return (
    <div className="space-y-4">
      <CatalogTabs current="/teams" />
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="mr-auto text-xl font-bold">Teams</h1>
        {hasRole(actor, "admin") && <CreateTeamButton />}
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">Every service has one owning team, every team an on-call schedule: who gets paged is decided before the outage.</p>
      {items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-500 dark:border-slate-700">No teams yet.</p>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2 xl:grid-cols-3" aria-label="Teams">
          {items.map((t) => (
            <li key={t.key} data-team={t.key} className="min-w-0 space-y-2 rounded-lg border border-slate-200 bg-white p-3 [overflow-wrap:anywhere] dark:border-slate-800 dark:bg-slate-900">
              <div className="flex flex-wrap items-baseline gap-2">
                <Link href={`/teams/${t.key}`} className="font-semibold hover:underline">
                  {t.name}
                </Link>
                <code className="text-xs text-slate-500">{t.key}</code>
                <span className="ml-auto text-xs text-slate-500">
                  {t.memberCount} {t.memberCount === 1 ? "member" : "members"}
                </span>
              </div>
              <p className="flex flex-wrap items-center gap-1 text-sm">
                <span className="text-slate-500">Services:</span>
                {t.services.length ? (
                  t.services.map((s) => (
                    <Link key={s.key} href={`/services/${s.key}`} title={`${s.name} (tier ${s.tier})`} className="font-mono text-xs hover:underline">
                      <Tag>{s.key}</Tag>
                    </Link>
                  ))
                ) : (
                  <span className="text-slate-500">none</span>
                )}
              </p>
              <p className="text-sm">
                <span className="text-slate-500">Schedules:</span>{" "}
                {t.schedules.length ? (
                  t.schedules.map((s, i) => (
                    <span key={s.id}>
                      {i > 0 && ", "}
                      <Link href={`/schedules/${s.id}`} className="underline">
                        {s.name}
                      </Link>
                    </span>
                  ))
                ) : (
                  <span className="font-medium text-amber-700 dark:text-amber-400">none: nobody is on call</span>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
