import type { Metadata } from "next";
import Link from "next/link";
import { SeverityBadge } from "@/components/ui/badges";
import { PostmortemStatusBadge, PostmortemTypeBadge } from "@/components/ui/badges";
import { NewRetro } from "@/components/postmortem/new-retro";
import { RelativeTime } from "@/components/ui/relative-time";
import { POSTMORTEM_TYPES, postmortemPagePath, type PostmortemType } from "@/lib/domain/postmortem/review-types";
import { postmortemListQuerySchema } from "@/lib/domain/postmortem/schemas";
import type { Severity } from "@/lib/domain/severity";
import { hasRole } from "@/lib/server/access";
import { requireActor } from "@/lib/server/current-actor";
import { listPostmortems } from "@/lib/server/postmortems/data";
import { listServiceOptions } from "@/lib/server/services/data";

export const metadata: Metadata = { title: "Reviews" };

const TABS: { type: PostmortemType | null; label: string }[] = [
  { type: null, label: "All" },
  { type: "incident_review", label: "Incident reviews" },
  { type: "near_miss", label: "Near misses" },
  { type: "positive_retro", label: "Positive retros" },
];

// Every review the viewer may see: incident postmortems, near misses and positive retros, newest first; responders start a retro here.
export default async function PostmortemsPage({ searchParams }: { searchParams: Promise<{ type?: string }> }) {
  const actor = await requireActor();
  const { type } = await searchParams;
  const query = postmortemListQuerySchema.parse({ limit: "200", ...(POSTMORTEM_TYPES.includes(type as PostmortemType) ? { type } : {}) });
  const canWrite = hasRole(actor, "responder");
  const [{ items }, services] = await Promise.all([listPostmortems(actor, query), canWrite ? listServiceOptions(actor) : Promise.resolve([])]);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-2">
        <h1 className="text-xl font-bold">Reviews</h1>
        <p className="text-sm text-slate-500">Incident postmortems, near misses and positive retros: blameless, ending in owned action items.</p>
      </div>

      {canWrite && (
        <details className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900" data-testid="new-retro">
          <summary className="cursor-pointer font-medium">New retro</summary>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            A review with no incident: study a near miss or a save while it is fresh. An incident&apos;s postmortem starts from the incident once it is resolved.
          </p>
          <div className="pt-3">
            <NewRetro services={services.map((s) => ({ key: s.key, name: s.name }))} />
          </div>
        </details>
      )}

      <nav aria-label="Review types" className="-mx-1 flex gap-1 overflow-x-auto text-sm">
        {TABS.map((t) => {
          const active = (query.type ?? null) === t.type;
          return (
            <Link
              key={t.label}
              href={t.type ? `/postmortems?type=${t.type}` : "/postmortems"}
              aria-current={active ? "page" : undefined}
              className={`whitespace-nowrap rounded-md px-2.5 py-1.5 ${active ? "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900" : "hover:bg-slate-200 dark:hover:bg-slate-800"}`}
            >
              {t.label}
            </Link>
          );
        })}
      </nav>

      {items.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500 dark:border-slate-700">
          No reviews yet. {canWrite ? "Start one from a resolved incident, or a retro above." : ""}
        </p>
      ) : (
        <ul data-testid="reviews" className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
          {items.map((pm) => (
            <li key={pm.id} data-testid="review">
              <Link href={postmortemPagePath(pm)} className="flex flex-col gap-1 px-3 py-3 hover:bg-slate-50 sm:flex-row sm:items-center sm:gap-3 dark:hover:bg-slate-800">
                <span className="flex flex-wrap items-center gap-2">
                  <PostmortemTypeBadge type={pm.type} />
                  {pm.incident && (
                    <>
                      <SeverityBadge severity={pm.incident.severity as Severity} />
                      <span className="font-mono text-sm text-slate-500">{pm.incident.ref}</span>
                    </>
                  )}
                </span>
                <span className="min-w-0 flex-1 font-medium break-words">{pm.title}</span>
                <span className="flex items-center gap-2 text-xs text-slate-500">
                  <PostmortemStatusBadge status={pm.status} />
                  {pm.revision > 1 && <span>rev {pm.revision}</span>}
                  <RelativeTime at={pm.publishedAt ?? pm.createdAt} />
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
