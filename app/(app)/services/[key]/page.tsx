import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { SeverityBadge, StatusBadge, Tag } from "@/components/ui/badges";
import { AlertHealth } from "@/components/service/alert-health";
import { AlertIntake } from "@/components/service/alert-intake";
import { Heartbeats } from "@/components/service/heartbeats";
import { RuleTester } from "@/components/service/rule-tester";
import { EditRoutingButton } from "@/components/service/rules-editor";
import { EditServiceButton, MarkReviewedButton } from "@/components/service/service-form";
import { RelativeTime } from "@/components/ui/relative-time";
import { ROUTE_ACTION_WORDS } from "@/lib/domain/alerts/rules";
import { describeRepeat, summarizeSteps } from "@/lib/domain/escalation";
import { AppError } from "@/lib/domain/errors";
import { hasRole } from "@/lib/server/access";
import { requireActor } from "@/lib/server/current-actor";
import { listMaintenance, type MaintenanceDto } from "@/lib/server/alerts/maintenance";
import { getAlertSettings, type AlertSettingsDto } from "@/lib/server/alerts/settings";
import { loadPolicy } from "@/lib/server/escalations/policies";
import { publicOrigin } from "@/lib/server/public-url";
import { loadService, loadServiceFormOptions } from "@/lib/server/services/data";

type Params = { params: Promise<{ key: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: (await params).key.toUpperCase() };
}

const card = "min-w-0 space-y-2 rounded-lg border border-slate-200 bg-white p-3 [overflow-wrap:anywhere] dark:border-slate-800 dark:bg-slate-900";
const heading = "text-sm font-semibold uppercase tracking-wide text-slate-500";

export default async function ServicePage({ params }: Params) {
  const actor = await requireActor();
  let s;
  try {
    s = await loadService(actor, (await params).key);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  const [options, policy, routing, maintenance] = await Promise.all([
    hasRole(actor, "admin") ? loadServiceFormOptions(actor) : Promise.resolve(null),
    s.escalationPolicy ? loadPolicy(actor, s.escalationPolicy.id) : Promise.resolve(null),
    getAlertSettings(actor, s.key),
    listMaintenance(actor, s.key),
  ]);
  const origin = publicOrigin(await headers());
  const open = s.incidents.filter((i) => i.status === "investigating" || i.status === "mitigated");
  const past = s.incidents.filter((i) => !open.includes(i));
  return (
    <div className="space-y-4">
      <div className="space-y-1 [overflow-wrap:anywhere]">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="font-mono text-xl font-bold">{s.key}</h1>
          <Tag>tier {s.tier}</Tag>
          {options && (
            <span className="ml-auto flex flex-wrap gap-2">
              <MarkReviewedButton service={s} />
              <EditServiceButton service={s} options={options} />
            </span>
          )}
        </div>
        <p className="text-lg">{s.name}</p>
        {s.description && <p className="text-sm text-slate-600 dark:text-slate-400">{s.description}</p>}
        {s.flags.map((f) => (
          <p key={f.flag} data-flag={f.flag} className="text-sm font-medium text-amber-800 dark:text-amber-300">
            ⚠ {f.message}
          </p>
        ))}
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <section className={card} aria-label="Ownership">
          <h2 className={heading}>Owner and on call</h2>
          <p className="text-sm">
            {s.team ? (
              <Link href={`/teams/${s.team.key}`} className="underline">
                Team {s.team.name} ({s.team.key})
              </Link>
            ) : (
              <span className="font-semibold text-red-600 dark:text-red-400">No owning team</span>
            )}
          </p>
          {s.onCall.length === 0 ? (
            <p className="text-sm text-slate-500">No on-call schedule for this team.</p>
          ) : (
            <ul className="space-y-1 text-sm" data-testid="on-call">
              {s.onCall.map((o) => (
                <li key={o.schedule.id}>
                  <Link href={`/schedules/${o.schedule.id}`} className="underline">
                    {o.schedule.name}
                  </Link>
                  : {o.users.length ? o.users.map((u) => `@${u.handle}`).join(", ") : "nobody"} {o.source === "override" && <Tag tone="violet">override</Tag>}
                </li>
              ))}
            </ul>
          )}
          <div className="text-sm" data-testid="escalation-policy">
            Escalation policy:{" "}
            {s.escalationPolicy ? (
              <>
                <Link href={`/escalation-policies/${s.escalationPolicy.id}`} className="underline">
                  {s.escalationPolicy.name}
                </Link>
                {policy && (
                  <span className="block text-xs text-slate-600 dark:text-slate-400">
                    {summarizeSteps(policy.steps)} · {describeRepeat(policy.repeat)}
                  </span>
                )}
              </>
            ) : (
              <span className="text-slate-500">
                none: declaring an incident here pages nobody.{" "}
                <Link href="/escalation-policies" className="underline">
                  Escalation policies
                </Link>
              </span>
            )}
          </div>
          <p className="text-xs text-slate-500" data-testid="last-reviewed">
            Last reviewed: {s.lastReviewedAt ? <RelativeTime at={s.lastReviewedAt} /> : "never"}
          </p>
        </section>
        <section className={card} aria-label="Dependencies">
          <h2 className={heading}>Dependencies</h2>
          <ServiceList label="Depends on" services={s.dependsOn} />
          <ServiceList label="Used by" services={s.dependents} />
          {s.links.length > 0 && (
            <ul className="flex flex-wrap gap-2 text-sm">
              {s.links.map((l) => (
                <li key={l.url}>
                  <a href={l.url} target="_blank" rel="noopener noreferrer" className="text-sky-700 underline dark:text-sky-400">
                    {l.label}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <section className={card} aria-label="Incidents">
        <h2 className={heading}>Incidents</h2>
        {s.incidents.length === 0 && <p className="text-sm text-slate-500">None yet.</p>}
        {[...open, ...past].map((i) => (
          <p key={i.ref} className="flex flex-wrap items-center gap-2 text-sm">
            <SeverityBadge severity={i.severity} />
            <Link href={`/incidents/${i.ref}`} className="font-mono text-slate-500 hover:underline">{i.ref}</Link>
            <StatusBadge status={i.status} />
            <span className="min-w-0 flex-1 truncate" title={i.title}>{i.title}</span>
            <RelativeTime at={i.declaredAt} className="text-xs text-slate-500" />
          </p>
        ))}
      </section>
      <AlertRouting routing={routing} maintenance={maintenance.items} admin={options !== null} />
      {hasRole(actor, "responder") && <AlertHealth serviceKey={s.key} timeZone={actor.timeZone} />}
      {hasRole(actor, "responder") && <RuleTester serviceKey={s.key} />}
      <Heartbeats serviceKey={s.key} origin={origin} admin={options !== null} />
      {options && <AlertIntake serviceKey={s.key} origin={origin} />}
    </div>
  );
}

const ACTION_WORDS: Record<string, string> = ROUTE_ACTION_WORDS;

/** The service's alert routing as it applies now: its rules in order, else the defaults; rules nobody owns or reviews are flagged. */
function AlertRouting({ routing, maintenance, admin }: { routing: AlertSettingsDto; maintenance: MaintenanceDto[]; admin: boolean }) {
  return (
    <section className={card} aria-label="Alert routing" data-testid="alert-routing">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className={heading}>Alert routing</h2>
        {admin && (
          <span className="ml-auto">
            <EditRoutingButton settings={routing} />
          </span>
        )}
      </div>
      {maintenance.map((m) => (
        <p key={m.id} data-maintenance={m.active ? "active" : "scheduled"} className={m.active ? "text-sm font-medium text-amber-800 dark:text-amber-300" : "text-sm text-slate-600 dark:text-slate-400"}>
          {m.active ? (
            <>
              Under maintenance, ends <RelativeTime at={m.endsAt} />
            </>
          ) : (
            <>
              Maintenance starts <RelativeTime at={m.startsAt} />, ends <RelativeTime at={m.endsAt} />
            </>
          )}
          : {m.reason}
          {m.by ? ` (@${m.by})` : ""} — alerts are recorded, nothing opens or pages.
        </p>
      ))}
      {routing.rules.length > 0 && (
        <ol className="list-decimal space-y-1 pl-5 text-sm">
          {routing.rules.map((r) => (
            <li key={r.id} data-rule={r.id}>
              <span className="font-medium">{r.name ?? (r.matchers.join(", ") || "Every alert")}</span>
              {": "}
              {[r.severities.length ? r.severities.join(" or ") : null, r.matchers.length ? r.matchers.join(", ") : null].filter(Boolean).join(" · ") || "any alert"} →{" "}
              {ACTION_WORDS[r.action]}
              {r.action === "open" && r.incidentSeverity ? ` (${r.incidentSeverity})` : ""}
              {r.holdSeconds > 0 ? `, after ${r.holdSeconds} s` : ""}
              <span className="text-xs text-slate-500"> · {r.owner ? `@${r.owner.handle}` : "no owner"}</span>
              {r.flags.map((f) => (
                <span key={f.flag} data-flag={f.flag} className="ml-2 text-xs font-medium text-amber-800 dark:text-amber-300">
                  ⚠ {f.message}
                </span>
              ))}
            </li>
          ))}
        </ol>
      )}
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {routing.rules.length ? "Otherwise: " : "No rules: "}
        {routing.defaults.map((d) => `${d.severity} ${ACTION_WORDS[d.action]}${d.action === "open" ? ` (${d.incidentSeverity})` : ""}`).join("; ")}.
      </p>
      <p className="text-xs text-slate-500">
        Alerts that would open an incident join the service&apos;s open one within {routing.groupWindowMinutes} minutes
        {routing.groupingLabels.length ? `, grouped by ${routing.groupingLabels.join(", ")}` : ""}.
      </p>
    </section>
  );
}

function ServiceList({ label, services }: { label: string; services: { key: string; name: string }[] }) {
  return (
    <p className="text-sm">
      {label}:{" "}
      {services.length
        ? services.map((d, i) => (
            <span key={d.key}>
              {i > 0 && ", "}
              <Link href={`/services/${d.key}`} title={d.name} className="font-mono underline">
                {d.key}
              </Link>
            </span>
          ))
        : "nothing"}
    </p>
  );
}
