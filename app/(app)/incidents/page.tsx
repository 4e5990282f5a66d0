import type { Metadata } from "next";
import Link from "next/link";
import { SeverityBadge, StatusBadge, Tag } from "@/components/ui/badges";
import { PostmortemStatusBadge } from "@/components/ui/badges";
import { StartPostmortemButton } from "@/components/postmortem/start-postmortem-button";
import { RelativeTime } from "@/components/ui/relative-time";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { SEVERITIES } from "@/lib/domain/severity";
import { INCIDENT_STATUSES, type IncidentStatus } from "@/lib/domain/lifecycle";
import { canStartPostmortem } from "@/lib/domain/postmortem/workflow";
import { parseIncidentRef } from "@/lib/domain/refs";
import { incidentListQuerySchema } from "@/lib/domain/schemas";
import { hasRole } from "@/lib/server/access";
import { requireActor } from "@/lib/server/current-actor";
import { listIncidents } from "@/lib/server/incidents/data";
import { postmortemsOfIncidents } from "@/lib/server/postmortems/data";

export const metadata: Metadata = { title: "Incidents" };

type Search = { status?: string; severity?: string; q?: string; cursor?: string };

export default async function IncidentsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor();
  const search = await searchParams;
  const parsed = incidentListQuerySchema.safeParse({ ...search, limit: "50" });
  const query = parsed.success ? parsed.data : incidentListQuerySchema.parse({});
  const { items, nextCursor } = await listIncidents(actor, query);
  const canWrite = hasRole(actor, "responder");
  // Resolved and closed incidents show their postmortem (status, link) or, for responders, "Start postmortem".
  const postmortems = await postmortemsOfIncidents(
    actor,
    items.filter((i) => canStartPostmortem(i.status as IncidentStatus)).map((i) => parseIncidentRef(i.ref)!),
  );
  const nextHref = nextCursor ? `/incidents?${new URLSearchParams({ ...search, cursor: nextCursor } as Record<string, string>)}` : null;

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-bold">Incidents</h1>
      <form className="flex flex-wrap items-end gap-2" role="search" aria-label="Filter incidents">
        <label className="min-w-48 flex-1">
          <span className="sr-only">Search</span>
          <Input name="q" type="search" defaultValue={search.q ?? ""} placeholder="Search title, summary or INC-123" />
        </label>
        <label>
          <span className="sr-only">Status</span>
          <Select name="status" defaultValue={search.status ?? ""} className="w-auto">
            <option value="">Any status</option>
            <option value="active">Active</option>
            {INCIDENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </Select>
        </label>
        <label>
          <span className="sr-only">Severity</span>
          <Select name="severity" defaultValue={search.severity ?? ""} className="w-auto">
            <option value="">Any severity</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </Select>
        </label>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
      </form>

      {items.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500 dark:border-slate-700">No incidents match.</p>
      ) : (
        <ul className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
          {items.map((incident) => {
            const reviewable = canStartPostmortem(incident.status as IncidentStatus);
            const pm = reviewable ? postmortems.get(parseIncidentRef(incident.ref)!) : undefined;
            return (
            <li key={incident.ref} data-testid="incident-row" className="flex flex-col hover:bg-slate-50 sm:flex-row sm:items-center dark:hover:bg-slate-800">
              <Link href={`/incidents/${incident.ref}`} className="flex min-w-0 flex-1 flex-col gap-1 px-3 py-3 sm:flex-row sm:items-center sm:gap-3">
                <span className="flex items-center gap-2">
                  <SeverityBadge severity={incident.severity} />
                  <span className="font-mono text-sm text-slate-500">{incident.ref}</span>
                  <StatusBadge status={incident.status} />
                  {incident.private && <Tag tone="violet">private</Tag>}
                  {incident.drill && <Tag tone="sky">drill</Tag>}
                </span>
                <span className="min-w-0 flex-1 font-medium [overflow-wrap:anywhere]">{incident.title}</span>
                <span className="text-xs text-slate-500">
                  {incident.commander ? `IC @${incident.commander.handle} · ` : "no IC · "}
                  <RelativeTime at={incident.declaredAt} />
                </span>
              </Link>
              {reviewable && (pm || canWrite) && (
                <div data-testid="incident-postmortem" className="px-3 pb-3 sm:w-44 sm:shrink-0 sm:py-3 sm:pl-0">
                  {pm ? (
                    <Link href={`/incidents/${incident.ref}/postmortem`} className="flex min-h-11 items-center gap-2 text-xs text-sky-700 hover:underline sm:min-h-0 sm:justify-end dark:text-sky-400">
                      Postmortem <PostmortemStatusBadge status={pm.status} />
                    </Link>
                  ) : (
                    <StartPostmortemButton incidentRef={incident.ref} />
                  )}
                </div>
              )}
            </li>
            );
          })}
        </ul>
      )}
      {nextHref && (
        <Link href={nextHref} className="text-sm text-sky-700 underline dark:text-sky-400">
          Older incidents →
        </Link>
      )}
    </div>
  );
}
