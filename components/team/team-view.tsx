"use client";
// One team: who is on call for it now, its members (admins add and remove
// them), the services it owns and its schedules. Everyone reads; only admins
// see write controls. Refreshed every minute: a handoff may happen while open.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Tag } from "@/components/ui/badges";
import { PeoplePicker } from "@/components/ui/people-picker";
import { OverrideTag, PersonName } from "@/components/schedule/schedule-list";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { FormMessage, useSubmit } from "@/components/ui/form-kit";
import type { PersonRef } from "@/lib/domain/people";
import type { TeamDto } from "@/lib/domain/teams";
import { fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";

function Panel({ title, children, action }: { title: string; children: React.ReactNode; action?: React.ReactNode }) {
  return (
    <section aria-label={title} className="min-w-0 space-y-3 rounded-lg border border-slate-200 bg-white p-3 [overflow-wrap:anywhere] sm:p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="mr-auto text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{title}</h2>
        {action}
      </div>
      {children}
    </section>
  );
}

export function TeamView({ initial, canEdit }: { initial: TeamDto; canEdit: boolean }) {
  const client = useQueryClient();
  const { data: team } = useQuery({
    queryKey: queryKeys.team(initial.key),
    queryFn: () => fetchJson<TeamDto>(`/api/v1/teams/${initial.key}`),
    initialData: initial,
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
  const update = (next: TeamDto) => client.setQueryData(queryKeys.team(next.key), next);

  return (
    <div className="space-y-4">
      <div className="space-y-1 [overflow-wrap:anywhere]">
        <Link href="/teams" className="text-sm text-slate-500 hover:underline">
          ← Teams
        </Link>
        <TeamHeading team={team} canEdit={canEdit} onSaved={update} />
      </div>

      <Panel title="On call now">
        {team.onCall.length === 0 ? (
          <p className="text-sm text-slate-500">
            No on-call schedule for this team.{" "}
            {canEdit && (
              <Link href="/schedules" className="text-sky-700 underline dark:text-sky-400">
                Create one
              </Link>
            )}
          </p>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="team-on-call">
            {team.onCall.map((o) => (
              <li key={o.schedule.id} className="flex flex-wrap items-center gap-2">
                {o.users[0] ? <PersonName person={o.users[0]} /> : <span className="font-semibold text-red-600 dark:text-red-400">Nobody</span>}
                {o.source === "override" && <OverrideTag />}
                <Link href={`/schedules/${o.schedule.id}`} className="text-slate-500 hover:underline">
                  {o.schedule.name}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Panel>

      <div className="grid gap-4 lg:grid-cols-2">
        <Panel title={`Members (${team.memberCount})`}>
          <MemberList team={team} canEdit={canEdit} onChanged={update} />
          {canEdit && <AddMember team={team} onAdded={update} />}
        </Panel>
        <div className="min-w-0 space-y-4">
          <Panel
            title="Services owned"
            action={
              canEdit && (
                <Link href={`/services?new=1&team=${team.key}`} className="text-sm text-sky-700 hover:underline dark:text-sky-400">
                  New service
                </Link>
              )
            }
          >
            {team.services.length === 0 ? (
              <p className="text-sm text-slate-500">Owns no services yet.</p>
            ) : (
              <ul className="space-y-1 text-sm" aria-label="Services owned">
                {team.services.map((s) => (
                  <li key={s.key} className="flex flex-wrap items-center gap-2">
                    <Link href={`/services/${s.key}`} className="font-mono font-semibold hover:underline">
                      {s.key}
                    </Link>
                    <Tag>tier {s.tier}</Tag>
                    <span className="min-w-0 truncate text-slate-600 dark:text-slate-400" title={s.name}>
                      {s.name}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Panel>
          <Panel title="Schedules">
            {team.schedules.length === 0 ? (
              <p className="text-sm text-slate-500">No schedules.</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {team.schedules.map((s) => (
                  <li key={s.id}>
                    <Link href={`/schedules/${s.id}`} className="underline">
                      {s.name}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </Panel>
        </div>
      </div>
    </div>
  );
}

function TeamHeading({ team, canEdit, onSaved }: { team: TeamDto; canEdit: boolean; onSaved: (t: TeamDto) => void }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(team.name);
  const { pending, errors, message, run, setErrors, setMessage } = useSubmit(["name"]);
  // One line of a form: whatever went wrong shows under its one field.
  const error = errors.name ?? message ?? undefined;

  if (!editing) {
    return (
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h1 className="text-xl font-bold">{team.name}</h1>
        <code className="text-sm text-slate-500 dark:text-slate-400">{team.key}</code>
        {canEdit && (
          <Button
            variant="ghost"
            className="ml-auto"
            onClick={() => {
              setName(team.name);
              setErrors({});
              setMessage(null);
              setEditing(true);
            }}
          >
            Rename
          </Button>
        )}
      </div>
    );
  }
  return (
    <form
      aria-label="Rename team"
      noValidate
      className="flex flex-wrap items-end gap-2"
      onSubmit={async (e) => {
        e.preventDefault();
        const ok = await run(async () => onSaved(await fetchJson<TeamDto>(`/api/v1/teams/${team.key}`, { method: "PATCH", json: { name } })));
        if (!ok) return;
        setEditing(false);
        router.refresh();
      }}
    >
      <div className="min-w-0 flex-1 sm:max-w-sm">
        <Field label="Team name" htmlFor="team-rename" error={error}>
          <Input id="team-rename" value={name} maxLength={100} autoFocus onChange={(e) => setName(e.target.value)} />
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
      <Button type="button" variant="ghost" onClick={() => setEditing(false)}>
        Cancel
      </Button>
    </form>
  );
}

function MemberList({ team, canEdit, onChanged }: { team: TeamDto; canEdit: boolean; onChanged: (t: TeamDto) => void }) {
  // One removal at a time: every Remove waits while one is being sent.
  const { pending, message, run } = useSubmit([]);
  if (team.members.length === 0) return <p className="text-sm text-slate-500">Nobody yet.</p>;
  return (
    <>
      <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Members">
        {team.members.map((m) => (
          <li key={m.handle} className="flex flex-wrap items-center gap-x-2 gap-y-1 py-2 text-sm">
            <div className="min-w-0 flex-1">
              <PersonName person={m} />
              {m.lead && (
                <span className="ml-2">
                  <Tag tone="sky">lead</Tag>
                </span>
              )}
              <span className="block truncate text-xs text-slate-500 dark:text-slate-400" title={m.email}>
                {m.email}
                {m.role === "viewer" && " · viewer: cannot be on call"}
                {m.role === null && " · no longer in the organization"}
              </span>
            </div>
            {canEdit && (
              <Button
                variant="ghost"
                className="text-red-700 dark:text-red-400"
                disabled={pending}
                aria-label={`Remove @${m.handle} from ${team.name}`}
                onClick={() => run(async () => onChanged(await fetchJson<TeamDto>(`/api/v1/teams/${team.key}/members/${encodeURIComponent(m.handle)}`, { method: "DELETE" })))}
              >
                Remove
              </Button>
            )}
          </li>
        ))}
      </ul>
      <FormMessage message={message} />
    </>
  );
}

function AddMember({ team, onAdded }: { team: TeamDto; onAdded: (t: TeamDto) => void }) {
  const [person, setPerson] = useState<PersonRef | null>(null);
  const [lead, setLead] = useState(false);
  const { pending, errors, message, run, setErrors, setMessage } = useSubmit(["user"]);
  // One field: whatever went wrong shows under it.
  const error = errors.user ?? message ?? undefined;
  const [pickerKey, setPickerKey] = useState(0);

  return (
    <form
      aria-label="Add a member"
      noValidate
      className="space-y-2 rounded-lg border border-slate-200 p-3 dark:border-slate-700"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!person) {
          setErrors({ user: "Pick someone from the list" });
          setMessage(null);
          return;
        }
        const ok = await run(async () => onAdded(await fetchJson<TeamDto>(`/api/v1/teams/${team.key}/members`, { method: "POST", json: { user: person.handle, lead } })));
        if (!ok) return;
        setPerson(null);
        setLead(false);
        setPickerKey((k) => k + 1);
      }}
    >
      <Field label="Add a member" htmlFor="team-add-member" error={error}>
        <PeoplePicker key={pickerKey} id="team-add-member" value={person} onChange={setPerson} allowViewers exclude={team.members.map((m) => m.handle)} invalid={!!error} />
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={lead} onChange={(e) => setLead(e.target.checked)} /> Team lead
        </label>
        <Button type="submit" variant="secondary" className="ml-auto" disabled={pending}>
          {pending ? "Adding…" : "Add member"}
        </Button>
      </div>
    </form>
  );
}
