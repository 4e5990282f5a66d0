"use client";
// The rotations (layers) of a schedule, in priority order: read by everyone,
// edited by admins (name, clock, and per layer: start, shift length, who and
// in which order). Saving replaces the whole list (PATCH layers).
import { DateTime } from "luxon";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { FormFooter, useSubmit } from "@/components/ui/form-kit";
import { describeShift, layerLabel, type ScheduleDto } from "@/lib/domain/schedule-schemas";
import { ApiRequestError, fetchJson } from "@/lib/query/fetch-json";
import { layerStyle } from "./calendar";
import { layerFieldNames, TimeZoneOptions } from "./create-schedule";
import { draftFromLayer, emptyDraft, LayerFields, layerInputOf, type LayerDraft } from "./layer-fields";

function describeStart(start: string): string {
  return DateTime.fromFormat(start, "yyyy-MM-dd'T'HH:mm").toFormat("ccc d LLL yyyy, HH:mm");
}

type TeamOption = { key: string; name: string };

/** Someone saved this schedule since it was loaded: keep the drafts, say so; reloading shows theirs. */
const conflictMessage = (error: unknown) =>
  error instanceof ApiRequestError && error.code === "conflict" ? `${error.message} Your changes are still here: copy what you need, then reload the page.` : undefined;

export function LayersPanel({ schedule, canEdit, teams, onSaved }: { schedule: ScheduleDto; canEdit: boolean; teams: TeamOption[]; onSaved: (next: ScheduleDto) => void }) {
  const [editing, setEditing] = useState(false);
  if (editing)
    return (
      <LayersEditor
        schedule={schedule}
        teams={teams}
        onCancel={() => setEditing(false)}
        onSaved={(next) => {
          onSaved(next);
          setEditing(false);
        }}
      />
    );
  return (
    <div className="space-y-3">
      <ol className="space-y-3">
        {schedule.layers.map((layer, i) => (
          <li key={i} className="rounded-lg border border-slate-200 p-3 dark:border-slate-800">
            <div className="flex flex-wrap items-center gap-2">
              <span aria-hidden className={`inline-block size-3 rounded-sm border ${layerStyle(i)}`} />
              <h3 className="font-semibold">{layerLabel(layer, i)}</h3>
              {i > 0 && <span className="text-xs text-slate-500">wins over layer{i > 1 ? `s 1–${i}` : " 1"} once started</span>}
            </div>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
              Shifts of {describeShift(layer.shift)} from {describeStart(layer.start)} ({schedule.timeZone})
            </p>
            <ol className="mt-2 flex flex-wrap gap-1 text-sm" aria-label={`${layerLabel(layer, i)}: participants in order`}>
              {layer.participants.map((p, j) => (
                <li key={`${p.handle}-${j}`} className="rounded bg-slate-100 px-1.5 py-0.5 dark:bg-slate-800">
                  <span className="text-slate-500">{j + 1}.</span> @{p.handle}
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ol>
      {canEdit && (
        <Button variant="secondary" onClick={() => setEditing(true)}>
          Edit rotation
        </Button>
      )}
    </div>
  );
}

function LayersEditor({ schedule, teams, onCancel, onSaved }: { schedule: ScheduleDto; teams: TeamOption[]; onCancel: () => void; onSaved: (next: ScheduleDto) => void }) {
  const [name, setName] = useState(schedule.name);
  const [team, setTeam] = useState(schedule.team?.key ?? "");
  // The version these drafts started from: the page refetches the schedule while one edits, and a save must not claim a newer one.
  const [baseVersion] = useState(schedule.version);
  const [timeZone, setTimeZone] = useState(schedule.timeZone);
  const [drafts, setDrafts] = useState<LayerDraft[]>(() => schedule.layers.map(draftFromLayer));
  const { pending, errors, message, run } = useSubmit(["name", "team", "timeZone", ...drafts.flatMap((d, i) => layerFieldNames(i, d.participants.length))], { onError: conflictMessage });

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    await run(async () =>
      onSaved(await fetchJson<ScheduleDto>(`/api/v1/schedules/${schedule.id}`, { method: "PATCH", json: { version: baseVersion, name, team: team || null, timeZone, layers: drafts.map(layerInputOf) } })),
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Edit rotation">
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Name" htmlFor="edit-schedule-name" error={errors.name}>
          <Input id="edit-schedule-name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Team" htmlFor="edit-schedule-team" error={errors.team}>
          <Select id="edit-schedule-team" value={team} onChange={(e) => setTeam(e.target.value)}>
            <option value="">No team</option>
            {/* The current team stays choosable even if the list did not come with it. */}
            {[...teams, ...(schedule.team && !teams.some((t) => t.key === schedule.team!.key) ? [schedule.team] : [])].map((t) => (
              <option key={t.key} value={t.key}>
                {t.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Time zone" htmlFor="edit-schedule-zone" hint="Changing it keeps each layer's wall-clock start and re-reads it in the new zone." error={errors.timeZone}>
          <Input id="edit-schedule-zone" list="edit-schedule-zone-options" value={timeZone} autoComplete="off" spellCheck={false} onChange={(e) => setTimeZone(e.target.value)} />
          <TimeZoneOptions id="edit-schedule-zone-options" />
        </Field>
      </div>
      {drafts.map((draft, i) => (
        <LayerFields
          key={draft.key}
          draft={draft}
          index={i}
          timeZone={timeZone}
          errors={errors}
          onChange={(d) => setDrafts((all) => all.map((x, j) => (j === i ? d : x)))}
          onRemove={drafts.length > 1 ? () => setDrafts((all) => all.filter((_, j) => j !== i)) : undefined}
        />
      ))}
      <p className="text-xs text-slate-500 dark:text-slate-400">A later layer wins wherever it has a shift, from its start on: add one to switch to a new rotation from a date.</p>
      <Button
        type="button"
        variant="secondary"
        onClick={() => {
          const here = DateTime.now().setZone(timeZone);
          const start = (here.isValid ? here : DateTime.now()).startOf("week").plus({ weeks: 1 }).set({ hour: 9 });
          setDrafts((all) => [...all, emptyDraft(start.toFormat("yyyy-MM-dd'T'HH:mm"))]);
        }}
      >
        Add a layer
      </Button>
      <FormFooter message={message} pending={pending} onCancel={onCancel} label="Save rotation" pendingLabel="Saving…" keyHint={false} />
    </form>
  );
}
