"use client";
// Overrides: someone covers a window for someone else (a swap, a doctor's
// appointment, a holiday). They beat every layer; the one created last wins
// where they overlap. Admins add and remove them; everyone sees them.
import { DateTime } from "luxon";
import { useState } from "react";
import { PeoplePicker } from "@/components/ui/people-picker";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { FormMessage, useSubmit } from "@/components/ui/form-kit";
import { useNow } from "@/components/ui/relative-time";
import type { PersonRef } from "@/lib/domain/people";
import type { OverrideDto } from "@/lib/domain/schedule-schemas";
import { fetchJson } from "@/lib/query/fetch-json";
import { PersonName } from "./schedule-list";
import { formatDayTime } from "./time";

const LOCAL_FORMAT = "yyyy-MM-dd'T'HH:mm";

export function OverrideList({ scheduleId, overrides, zone, canEdit, onChanged }: { scheduleId: string; overrides: OverrideDto[]; zone: string; canEdit: boolean; onChanged: () => void }) {
  // One removal at a time: every Remove waits while one is being sent.
  const { pending, message, run } = useSubmit([]);
  const now = useNow().getTime();
  if (overrides.length === 0) return <p className="text-sm text-slate-500">No overrides now or coming up.</p>;
  return (
    <>
      <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Overrides">
        {overrides.map((o) => {
          const ended = Date.parse(o.end) <= now;
          const current = !ended && Date.parse(o.start) <= now;
          return (
            <li key={o.id} className={`flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm ${ended ? "opacity-60" : ""}`}>
              <div className="min-w-0 flex-1">
                <PersonName person={o.user} />
                {current && <span className="ml-2 rounded bg-fuchsia-600 px-1.5 py-0.5 text-xs font-semibold text-white">on call now</span>}
                {ended && <span className="ml-2 text-xs text-slate-500">ended</span>}
                <span className="block text-xs text-slate-600 dark:text-slate-400" suppressHydrationWarning>
                  {formatDayTime(o.start, zone)} → {formatDayTime(o.end, zone)}
                  {o.createdBy && <> · set by @{o.createdBy.handle}</>}
                </span>
              </div>
              {canEdit && (
                <Button
                  variant="ghost"
                  className="text-red-700 dark:text-red-400"
                  disabled={pending}
                  aria-label={`Remove the override of @${o.user.handle} from ${formatDayTime(o.start, zone)}`}
                  onClick={async () => {
                    if (await run(() => fetchJson(`/api/v1/schedules/${scheduleId}/overrides/${o.id}`, { method: "DELETE" }))) onChanged();
                  }}
                >
                  Remove
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      <FormMessage message={message} />
    </>
  );
}

/** Opened on demand: its defaults (the next hour, for 12 hours) are taken in the browser, on the clock shown. */
export function AddOverride({ scheduleId, zone, onAdded }: { scheduleId: string; zone: string; onAdded: () => void }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Add an override
      </Button>
    );
  }
  return <AddOverrideForm scheduleId={scheduleId} zone={zone} onAdded={onAdded} onCancel={() => setOpen(false)} />;
}

function AddOverrideForm({ scheduleId, zone, onAdded, onCancel }: { scheduleId: string; zone: string; onAdded: () => void; onCancel: () => void }) {
  const defaultStart = DateTime.now().setZone(zone).plus({ hours: 1 }).startOf("hour");
  const [user, setUser] = useState<PersonRef | null>(null);
  const [start, setStart] = useState(defaultStart.toFormat(LOCAL_FORMAT));
  const [end, setEnd] = useState(defaultStart.plus({ hours: 12 }).toFormat(LOCAL_FORMAT));
  const { pending, errors, message, run, setErrors, setMessage } = useSubmit(["user", "start", "end"]);
  const [pickerKey, setPickerKey] = useState(0);

  const toInstant = (local: string) => {
    const dt = DateTime.fromFormat(local, LOCAL_FORMAT, { zone });
    return dt.isValid ? dt.toUTC().toISO() : local;
  };

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    if (!user) {
      setErrors({ user: "Pick who covers" });
      setMessage(null);
      return;
    }
    const ok = await run(() => fetchJson(`/api/v1/schedules/${scheduleId}/overrides`, { method: "POST", json: { user: user.handle, start: toInstant(start), end: toInstant(end) } }));
    if (!ok) return;
    setUser(null);
    setPickerKey((k) => k + 1);
    onAdded();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3 rounded-lg border border-slate-200 p-3 dark:border-slate-700" aria-label="Add an override">
      <h3 className="text-sm font-semibold">Add an override</h3>
      <Field label="Who covers" htmlFor="override-user" error={errors.user}>
        <PeoplePicker key={pickerKey} id="override-user" value={user} onChange={setUser} invalid={!!errors.user} />
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={`From (${zone})`} htmlFor="override-start" error={errors.start}>
          <Input id="override-start" type="datetime-local" step={60} value={start} onChange={(e) => setStart(e.target.value.slice(0, 16))} />
        </Field>
        <Field label={`Until (${zone})`} htmlFor="override-end" error={errors.end}>
          <Input id="override-end" type="datetime-local" step={60} value={end} onChange={(e) => setEnd(e.target.value.slice(0, 16))} />
        </Field>
      </div>
      <FormMessage message={message} />
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add override"}
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel}>
          Close
        </Button>
      </div>
    </form>
  );
}
