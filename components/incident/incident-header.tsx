import { SEVERITY_LEVELS } from "@/lib/domain/severity";
import type { IncidentDto } from "@/lib/server/incidents/present";
import { RelativeTime } from "@/components/ui/relative-time";
import { SeverityBadge, StatusBadge, Tag } from "./badges";

/** What broke, how bad, who is in command, when the next update comes: readable in five seconds. */
export function IncidentHeader({ incident }: { incident: IncidentDto }) {
  const commander = incident.roles.find((r) => r.role === "commander");
  return (
    <section aria-label="Incident summary" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-mono text-sm text-slate-500">{incident.ref}</span>
        <SeverityBadge severity={incident.severity} withLabel />
        <Tag>{incident.priority}</Tag>
        <StatusBadge status={incident.status} />
        {incident.private && <Tag tone="violet">private</Tag>}
        {incident.drill && <Tag tone="sky">drill</Tag>}
      </div>
      <h1 className="text-2xl font-bold leading-tight">{incident.title}</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">{SEVERITY_LEVELS[incident.severity].impact}</p>
      {incident.summary && <p className="whitespace-pre-wrap">{incident.summary}</p>}
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-slate-500">Commander</dt>
          <dd className="font-medium">{commander ? `@${commander.user.handle}` : <span className="text-red-600">none</span>}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Declared</dt>
          <dd>
            <RelativeTime at={incident.declaredAt} />
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Next update</dt>
          <dd>{incident.nextUpdateDueAt ? <RelativeTime at={incident.nextUpdateDueAt} /> : "—"}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Services</dt>
          <dd>{incident.services.length ? incident.services.map((s) => s.key).join(", ") : "—"}</dd>
        </div>
      </dl>
    </section>
  );
}
