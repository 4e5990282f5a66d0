"use client";
// One rotation (layer) as a form: when it starts on the schedule's clock, how
// long a shift is, and who takes turns, in order. Used to create a schedule and
// to edit its layers.
import { useState } from "react";
import { PeoplePicker } from "@/components/ui/people-picker";
import { Field, Input, Select } from "@/components/ui/field";
import type { PersonRef } from "@/lib/domain/people";
import { SHIFT_UNITS, type ShiftUnit } from "@/lib/domain/schedule";
import type { LayerDto, LayerInput } from "@/lib/domain/schedule-schemas";

export interface LayerDraft {
  /** React key only. */
  key: string;
  name: string;
  /** `YYYY-MM-DDTHH:mm` on the schedule's clock (what a datetime-local input holds). */
  start: string;
  unit: ShiftUnit;
  count: string;
  participants: PersonRef[];
}

let draftSeq = 0;
const nextKey = () => `layer-${++draftSeq}`;

export function draftFromLayer(layer: LayerDto): LayerDraft {
  return { key: nextKey(), name: layer.name ?? "", start: layer.start, unit: layer.shift.unit, count: String(layer.shift.count), participants: layer.participants.map((p) => ({ handle: p.handle, name: p.name })) };
}

export function emptyDraft(start: string, name = ""): LayerDraft {
  return { key: nextKey(), name, start, unit: "week", count: "1", participants: [] };
}

export function layerInputOf(draft: LayerDraft): LayerInput {
  return {
    name: draft.name.trim() || null,
    start: draft.start,
    shift: { unit: draft.unit, count: Number(draft.count) },
    participants: draft.participants.map((p) => p.handle),
  };
}

const UNIT_LABELS: Record<ShiftUnit, string> = { hour: "hours", day: "days", week: "weeks" };

function move<T>(list: T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

export function LayerFields({
  draft,
  index,
  timeZone,
  errors,
  onChange,
  onRemove,
}: {
  draft: LayerDraft;
  index: number;
  timeZone: string;
  /** API error fields under `layers.<index>.`. */
  errors: Record<string, string>;
  onChange: (draft: LayerDraft) => void;
  onRemove?: () => void;
}) {
  const [pickerKey, setPickerKey] = useState(0);
  const id = `layer-${draft.key}`;
  const err = (field: string) => errors[`layers.${index}.${field}`];
  const participantError = Object.entries(errors).find(([k]) => k.startsWith(`layers.${index}.participants`))?.[1];
  const set = (patch: Partial<LayerDraft>) => onChange({ ...draft, ...patch });

  return (
    <fieldset className="min-w-0 space-y-3 rounded-lg border border-slate-200 p-3 dark:border-slate-700" aria-label={`Layer ${index + 1}`}>
      <legend className="px-1 text-sm font-semibold">Layer {index + 1}</legend>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Layer name (optional)" htmlFor={`${id}-name`} error={err("name")}>
          <Input id={`${id}-name`} value={draft.name} maxLength={80} placeholder="Weekly" onChange={(e) => set({ name: e.target.value })} />
        </Field>
        <Field label="First shift starts" htmlFor={`${id}-start`} hint={`On the schedule's clock (${timeZone}); every handoff keeps this time of day.`} error={err("start")}>
          <Input id={`${id}-start`} type="datetime-local" step={60} required value={draft.start} onChange={(e) => set({ start: e.target.value.slice(0, 16) })} />
        </Field>
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <Field label="Shift length" htmlFor={`${id}-count`} error={err("shift.count") ?? err("shift.unit") ?? err("shift")}>
          <div className="flex gap-2">
            <Input id={`${id}-count`} type="number" min={1} step={1} inputMode="numeric" className="w-24" value={draft.count} onChange={(e) => set({ count: e.target.value })} />
            <Select aria-label="Shift unit" className="w-auto" value={draft.unit} onChange={(e) => set({ unit: e.target.value as ShiftUnit })}>
              {SHIFT_UNITS.map((u) => (
                <option key={u} value={u}>
                  {UNIT_LABELS[u]}
                </option>
              ))}
            </Select>
          </div>
        </Field>
      </div>
      <div className="space-y-2">
        <p className="text-sm font-medium text-slate-700 dark:text-slate-300" id={`${id}-people`}>
          Participants, in order <span className="font-normal text-slate-500">(the first holds the first shift)</span>
        </p>
        {draft.participants.length === 0 ? (
          <p className="text-sm text-slate-500">Nobody yet.</p>
        ) : (
          <ol aria-labelledby={`${id}-people`} className="divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-700">
            {draft.participants.map((p, i) => (
              <li key={`${p.handle}-${i}`} className="flex items-center gap-2 px-2 py-1 text-sm">
                <span className="w-5 text-right tabular-nums text-slate-500">{i + 1}.</span>
                <span className="min-w-0 flex-1 truncate">
                  {p.name} <span className="text-slate-500">@{p.handle}</span>
                </span>
                <button type="button" className="min-h-9 min-w-9 rounded hover:bg-slate-100 disabled:opacity-30 dark:hover:bg-slate-800" aria-label={`Move @${p.handle} up`} disabled={i === 0} onClick={() => set({ participants: move(draft.participants, i, i - 1) })}>
                  ↑
                </button>
                <button
                  type="button"
                  className="min-h-9 min-w-9 rounded hover:bg-slate-100 disabled:opacity-30 dark:hover:bg-slate-800"
                  aria-label={`Move @${p.handle} down`}
                  disabled={i === draft.participants.length - 1}
                  onClick={() => set({ participants: move(draft.participants, i, i + 1) })}
                >
                  ↓
                </button>
                <button type="button" className="min-h-9 min-w-9 rounded text-red-600 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950" aria-label={`Remove @${p.handle}`} onClick={() => set({ participants: draft.participants.filter((_, j) => j !== i) })}>
                  ✕
                </button>
              </li>
            ))}
          </ol>
        )}
        <Field label="Add a participant" htmlFor={`${id}-add`} error={participantError}>
          <PeoplePicker
            key={pickerKey}
            id={`${id}-add`}
            value={null}
            exclude={draft.participants.map((p) => p.handle)}
            invalid={!!participantError}
            autoFocus={pickerKey > 0}
            onChange={(person) => {
              if (!person) return;
              set({ participants: [...draft.participants, person] });
              setPickerKey((k) => k + 1);
            }}
          />
        </Field>
      </div>
      {onRemove && (
        <button type="button" onClick={onRemove} className="text-sm text-red-600 underline dark:text-red-400">
          Remove layer {index + 1}
        </button>
      )}
    </fieldset>
  );
}
