import type { Metadata } from "next";
import Link from "next/link";
import { NewPolicyButton } from "@/components/escalation/policy-view";
import { Tag } from "@/components/ui/badges";
import { OnCallTabs } from "@/components/schedule/oncall-tabs";
import { describeRepeat, summarizeSteps } from "@/lib/domain/escalation";
import { hasRole } from "@/lib/server/access";
import { requireActor } from "@/lib/server/current-actor";
import { listPolicies } from "@/lib/server/escalations/policies";
import { listScheduleOptions } from "@/lib/server/schedules/data";

export const metadata: Metadata = { title: "Escalation policies" };

export default async function EscalationPoliciesPage() {
  const actor = await requireActor();
  const isAdmin = hasRole(actor, "admin");
  const [{ items }, schedules] = await Promise.all([listPolicies(actor), isAdmin ? listScheduleOptions(actor) : Promise.resolve([])]);
  return (
    <div className="space-y-4">
      <OnCallTabs current="/escalation-policies" />
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="mr-auto text-xl font-bold">Escalation policies</h1>
        {isAdmin && <NewPolicyButton schedules={schedules} />}
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Who is paged when an incident is declared on a service, and who next if nobody acknowledges: time thresholds decided before the outage.
      </p>
      {items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-500 dark:border-slate-700">
          No escalation policies yet: declaring an incident pages nobody until a service has one.
        </p>
      ) : (
        <ul className="grid gap-3 lg:grid-cols-2" aria-label="Escalation policies">
          {items.map((p) => (
            <li key={p.id} data-policy={p.name} className="min-w-0 space-y-2 rounded-lg border border-slate-200 bg-white p-3 [overflow-wrap:anywhere] dark:border-slate-800 dark:bg-slate-900">
              <div className="flex flex-wrap items-baseline gap-2">
                <Link href={`/escalation-policies/${p.id}`} className="font-semibold hover:underline">
                  {p.name}
                </Link>
                <span className="ml-auto text-xs text-slate-500">{describeRepeat(p.repeat)}</span>
              </div>
              <p className="text-sm break-words" data-testid="policy-steps">
                {summarizeSteps(p.steps)}
              </p>
              <p className="flex flex-wrap items-center gap-1 text-sm">
                <span className="text-slate-500">Services:</span>
                {p.services.length ? (
                  p.services.map((s) => (
                    <Link key={s.key} href={`/services/${s.key}`} title={s.name} className="font-mono text-xs hover:underline">
                      <Tag>{s.key}</Tag>
                    </Link>
                  ))
                ) : (
                  <span className="text-slate-500">none</span>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
