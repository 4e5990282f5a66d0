import type { Metadata } from "next";
import { ActionItemsList } from "@/components/postmortem/action-items-list";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { actionItemListQuerySchema, ACTION_ITEM_STATUSES, ACTION_ITEM_STATUS_LABELS } from "@/lib/domain/postmortem/action-items";
import { hasRole } from "@/lib/server/access";
import { requireActor } from "@/lib/server/current-actor";
import { listActionItems } from "@/lib/server/postmortems/data";
import { listTeamOptions } from "@/lib/server/teams/data";

export const metadata: Metadata = { title: "Action items" };

type Search = { owner?: string; team?: string; overdue?: string; incident?: string; status?: string };

// Action items across every incident, with filters (owner, team, overdue, incident, status); overdue ones stand out.
export default async function ActionItemsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor();
  const search = await searchParams;
  const clean = Object.fromEntries(Object.entries(search).filter(([, v]) => typeof v === "string" && v !== ""));
  const parsed = actionItemListQuerySchema.safeParse({ status: "open,in_progress,done", ...clean, limit: "200" });
  const query = parsed.success ? parsed.data : actionItemListQuerySchema.parse({ limit: "200" });
  const [{ items }, teams] = await Promise.all([listActionItems(actor, query), listTeamOptions(actor)]);
  const overdueCount = items.filter((i) => i.overdue).length;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-2">
        <h1 className="text-xl font-bold">Action items</h1>
        <p className="text-sm text-slate-500">
          {items.length} shown{overdueCount > 0 && <span className="font-semibold text-red-700 dark:text-red-400"> · {overdueCount} overdue</span>}
        </p>
      </div>
      {!parsed.success && <p role="alert" className="text-sm text-red-600 dark:text-red-400">Some filters were not understood and were ignored.</p>}
      <form className="grid grid-cols-2 items-end gap-2 sm:flex sm:flex-wrap" role="search" aria-label="Filter action items">
        <label className="col-span-2 sm:w-44">
          <span className="block text-xs text-slate-500">Owner</span>
          <Input name="owner" defaultValue={search.owner ?? ""} placeholder="handle or me" />
        </label>
        <label className="sm:w-40">
          <span className="block text-xs text-slate-500">Team</span>
          <Select name="team" defaultValue={search.team ?? ""}>
            <option value="">Any team</option>
            {teams.map((t) => (
              <option key={t.key} value={t.key}>
                {t.name}
              </option>
            ))}
          </Select>
        </label>
        <label className="sm:w-36">
          <span className="block text-xs text-slate-500">Incident</span>
          <Input name="incident" defaultValue={search.incident ?? ""} placeholder="INC-123" />
        </label>
        <label className="sm:w-40">
          <span className="block text-xs text-slate-500">Status</span>
          <Select name="status" defaultValue={search.status ?? ""}>
            <option value="">Not closed</option>
            {ACTION_ITEM_STATUSES.map((s) => (
              <option key={s} value={s}>
                {ACTION_ITEM_STATUS_LABELS[s]}
              </option>
            ))}
            <option value={ACTION_ITEM_STATUSES.join(",")}>Any</option>
          </Select>
        </label>
        <label className="flex min-h-10 items-center gap-2 text-sm">
          <input type="checkbox" name="overdue" value="true" defaultChecked={search.overdue === "true"} className="size-4" />
          Overdue only
        </label>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
      </form>
      <ActionItemsList items={items} canWrite={hasRole(actor, "responder")} />
    </div>
  );
}
