"use client";
// An admin creates a schedule: a name, the owning team, its clock (IANA zone)
// and a first rotation. Lands on the new schedule's page.
import { DateTime } from "luxon";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormFooter, newIdempotencyKey, useSubmit } from "@/components/ui/form-kit";
import { Dialog, useDialog } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/field";
import type { ScheduleDto } from "@/lib/domain/schedule-schemas";
import { fetchJson } from "@/lib/query/fetch-json";
import { emptyDraft, LayerFields, layerInputOf, type LayerDraft } from "./layer-fields";

/** Every zone the browser knows, for the zone field's suggestions. */
export function TimeZoneOptions({ id }: { id: string }) {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return (
    <datalist id={id}>
      {zones.map((z) => (
        <option key={z} value={z} />
      ))}
    </datalist>
  );
}

/**
 * The error fields LayerFields shows next to layer `index`'s inputs (a participant's under "Add a participant"),
 * so a failed submit does not repeat them in its message.
 */
export function layerFieldNames(index: number, participants: number): string[] {
  const at = `layers.${index}`;
  return [`${at}.name`, `${at}.start`, `${at}.shift`, `${at}.shift.count`, `${at}.shift.unit`, `${at}.participants`, ...Array.from({ length: participants }, (_, j) => `${at}.participants.${j}`)];
}

/** Next Monday 09:00 on the given clock, as a datetime-local value. */
function nextMondayNine(zone: string): string {
  const here = DateTime.now().setZone(zone);
  return (here.isValid ? here : DateTime.now())
    .startOf("week").plus({ weeks: 1 }).set({ hour: 9 }).toFormat("yyyy-MM-dd'T'HH:mm");
}

export function CreateScheduleButton({ teams, defaultZone }: { teams: { key: string; name: string }[]; defaultZone: string }) {
  const dialog = useDialog();
  return (
    <>
      <Button onClick={dialog.show}>New schedule</Button>
      <Dialog open={dialog.open} onClose={dialog.close} title="New on-call schedule" wide>
        <CreateScheduleForm key={dialog.openCount} teams={teams} defaultZone={defaultZone} onDone={dialog.close} />
      </Dialog>
    </>
  );
}

function CreateScheduleForm({ teams, defaultZone, onDone }: { teams: { key: string; name: string }[]; defaultZone: string; onDone: () => void }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [team, setTeam] = useState("");
  const [timeZone, setTimeZone] = useState(defaultZone);
  const [layer, setLayer] = useState<LayerDraft>(() => emptyDraft(nextMondayNine(defaultZone), "Weekly"));
  const [idempotencyKey] = useState(newIdempotencyKey);
  // Held pending after success: the page navigates to the new schedule, and a second click must not create another.
  const { pending, errors, message, run } = useSubmit(["name", "team", "timeZone", ...layerFieldNames(0, layer.participants.length)], { holdAfterSuccess: true });

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const ok = await run(async () => {
      const created = await fetchJson<ScheduleDto>("/api/v1/schedules", {
        method: "POST",
        json: { name, team: team || null, timeZone, layers: [layerInputOf(layer)] },
        headers: { "Idempotency-Key": idempotencyKey },
      });
      router.push(`/schedules/${created.id}`);
    });
    if (ok) onDone();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Name" htmlFor="schedule-name" error={errors.name}>
          <Input id="schedule-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required autoFocus placeholder="Payments primary" />
        </Field>
        <Field label="Team" htmlFor="schedule-team" error={errors.team}>
          <Select id="schedule-team" value={team} onChange={(e) => setTeam(e.target.value)}>
            <option value="">No team</option>
            {teams.map((t) => (
              <option key={t.key} value={t.key}>
                {t.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label="Time zone" htmlFor="schedule-zone" hint="The clock handoffs follow, e.g. Europe/Berlin: a 09:00 handoff stays 09:00 across daylight saving." error={errors.timeZone}>
        <Input id="schedule-zone" list="schedule-zone-options" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} autoComplete="off" spellCheck={false} />
        <TimeZoneOptions id="schedule-zone-options" />
      </Field>
      <LayerFields draft={layer} index={0} timeZone={timeZone} errors={errors} onChange={setLayer} />
      <FormFooter message={message} pending={pending} onCancel={onDone} label="Create schedule" pendingLabel="Creating…" keyHint={false} />
    </form>
  );
}
