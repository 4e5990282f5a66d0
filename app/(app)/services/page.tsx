import { CatalogTabs } from "@/components/ui/section-tabs";
import type { Metadata } from "next";
import Link from "next/link";
import { Tag } from "@/components/ui/badges";
import { NewServiceButton } from "@/components/service/service-form";
import { hasRole } from "@/lib/server/access";
import { requireActor } from "@/lib/server/current-actor";
import { listServices, loadServiceFormOptions } from "@/lib/server/services/data";

export const metadata: Metadata = { title: "Services" };

type Props = { searchParams: Promise<{ new?: string; team?: string }> };

export default async function ServicesPage({ searchParams }: Props) {
  const actor = await requireActor();
  const isAdmin = hasRole(actor, "admin");
  const [{ items }, options, query] = await Promise.all([listServices(actor), isAdmin ? loadServiceFormOptions(actor) : Promise.resolve(null), searchParams]);
  const flagged = items.filter((s) => s.flags.length > 0).length;
  return (
    <div className="space-y-4">
      <CatalogTabs current="/services" />
      <div className="flex flex-wrap items-baseline gap-2">
        <h1 className="mr-auto text-xl font-bold">Services</h1>
        {flagged > 0 && <span className="text-sm font-medium text-amber-700 dark:text-amber-400">{flagged} need attention before their next incident</span>}
        {options && <NewServiceButton options={options} defaultTeam={query.team} openInitially={query.new === "1"} />}
      </div>
      <ul className="grid gap-3 md:grid-cols-2" data-testid="services">
        {items.map((s) => (
          <li key={s.key} data-service={s.key} className="min-w-0 space-y-1.5 rounded-lg border border-slate-200 bg-white p-3 [overflow-wrap:anywhere] dark:border-slate-800 dark:bg-slate-900">
            <div className="flex flex-wrap items-center gap-2">
              <Link href={`/services/${s.key}`} className="font-mono text-sm font-semibold hover:underline">
                {s.key}
              </Link>
              <Tag>tier {s.tier}</Tag>
              {s.openIncidents > 0 && <span className="rounded bg-red-600 px-1.5 py-0.5 text-xs font-semibold text-white">{s.openIncidents} open</span>}
              <span className="ml-auto text-xs text-slate-500">
                {s.team ? (
                  <Link href={`/teams/${s.team.key}`} className="hover:underline">
                    {s.team.name}
                  </Link>
                ) : (
                  <span className="font-semibold text-red-600 dark:text-red-400">no owner</span>
                )}
              </span>
            </div>
            <p className="text-sm">{s.name}</p>
            {s.dependsOn.length > 0 && <p className="text-xs text-slate-500">depends on {s.dependsOn.map((d) => d.key).join(", ")}</p>}
            {s.flags.length > 0 && (
              <ul className="space-y-0.5" aria-label="Hygiene">
                {s.flags.map((f) => (
                  <li key={f.flag} data-flag={f.flag} className="text-xs font-medium text-amber-800 dark:text-amber-300">
                    ⚠ {f.message}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
