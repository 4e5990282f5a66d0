"use client";
// The organization's update cadence and nudge thresholds. Admins edit; others read.
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import type { Cadence } from "@/lib/domain/cadence";
import type { NudgeSettings } from "@/lib/domain/nudges";
import { SEVERITIES, SEVERITY_LEVELS } from "@/lib/domain/severity";
import { ApiRequestError, fetchJson } from "@/lib/query/fetch-json";

interface Effective {
  cadence: Cadence;
  nudges: NudgeSettings;
}

export function OrgSettingsForm({ initial, canEdit }: { initial: Effective; canEdit: boolean }) {
  const [cadence, setCadence] = useState(() => Object.fromEntries(SEVERITIES.map((s) => [s, initial.cadence[s] === null ? "" : String(initial.cadence[s])])) as Record<string, string>);
  const [nudges, setNudges] = useState(initial.nudges);
  const [state, setState] = useState<{ kind: "idle" | "saving" | "saved" } | { kind: "error"; message: string; fields: Record<string, string> }>({ kind: "idle" });
  const fields = state.kind === "error" ? state.fields : {};

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setState({ kind: "saving" });
    try {
      await fetchJson("/api/v1/org/settings", {
        method: "PATCH",
        json: {
          cadence: Object.fromEntries(SEVERITIES.map((s) => [s, cadence[s]!.trim() === "" ? null : Number(cadence[s])])),
          nudges: {
            commanderMaxHours: nudges.commanderMaxHours,
            endlessSevHours: nudges.endlessSevHours,
            workstreamBlockedMinutes: nudges.workstreamBlockedMinutes,
            decisionWithinMinutes: nudges.decisionWithinMinutes,
            escalationSteps: nudges.escalationSteps,
          },
        },
      });
      setState({ kind: "saved" });
    } catch (error) {
      setState({ kind: "error", message: error instanceof ApiRequestError ? error.message : "Could not save.", fields: error instanceof ApiRequestError ? error.fields : {} });
    }
  }

  const num = (key: "commanderMaxHours" | "endlessSevHours" | "workstreamBlockedMinutes" | "decisionWithinMinutes") => ({
    type: "number",
    inputMode: "numeric" as const,
    value: String(nudges[key]),
    disabled: !canEdit,
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setNudges({ ...nudges, [key]: Number(e.target.value) }),
  });

  return (
    <form onSubmit={onSubmit} className="space-y-6">
      <fieldset className="space-y-2">
        <legend className="font-semibold">Update cadence</legend>
        <p className="text-sm text-slate-600 dark:text-slate-400">Minutes between CAN updates while an incident is active; empty means no cadence.</p>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-5">
          {SEVERITIES.map((s) => (
            <Field key={s} label={`${s} · ${SEVERITY_LEVELS[s].label}`} htmlFor={`cadence-${s}`} error={fields[`cadence.${s}`]}>
              <Input id={`cadence-${s}`} type="number" inputMode="numeric" min={1} max={1440} value={cadence[s]} disabled={!canEdit} onChange={(e) => setCadence({ ...cadence, [s]: e.target.value })} />
            </Field>
          ))}
        </div>
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="font-semibold">Nudges</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Commander on duty before a handover nudge (hours)" htmlFor="n-ic" error={fields["nudges.commanderMaxHours"]}>
            <Input id="n-ic" {...num("commanderMaxHours")} />
          </Field>
          <Field label="Mitigated but not resolved (hours)" htmlFor="n-endless" error={fields["nudges.endlessSevHours"]}>
            <Input id="n-endless" {...num("endlessSevHours")} />
          </Field>
          <Field label="Workstream blocked (minutes)" htmlFor="n-blocked" error={fields["nudges.workstreamBlockedMinutes"]}>
            <Input id="n-blocked" {...num("workstreamBlockedMinutes")} />
          </Field>
          <Field label="SEV0/1 without a decision (minutes)" htmlFor="n-decision" error={fields["nudges.decisionWithinMinutes"]}>
            <Input id="n-decision" {...num("decisionWithinMinutes")} />
          </Field>
        </div>
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="font-semibold">Escalation thresholds</legend>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          While an incident of {nudges.escalationSeverities.join(", ")} is investigating, who to pull in after how long. Decided before the outage.
        </p>
        {fields["nudges.escalationSteps"] && <p role="alert" className="text-sm text-red-600 dark:text-red-400">{fields["nudges.escalationSteps"]}</p>}
        <ol className="space-y-2">
          {nudges.escalationSteps.map((step, i) => (
            <li key={i} className="flex flex-wrap items-end gap-2">
              <span className="w-6 pb-2 text-sm text-slate-500">{i + 1}.</span>
              <label className="w-28">
                <span className="text-xs text-slate-500">after (min)</span>
                <Input
                  type="number"
                  inputMode="numeric"
                  value={String(step.afterMinutes)}
                  disabled={!canEdit}
                  onChange={(e) => setNudges({ ...nudges, escalationSteps: nudges.escalationSteps.map((s, j) => (j === i ? { ...s, afterMinutes: Number(e.target.value) } : s)) })}
                />
              </label>
              <label className="min-w-40 flex-1">
                <span className="text-xs text-slate-500">pull in</span>
                <Input value={step.pullIn} disabled={!canEdit} onChange={(e) => setNudges({ ...nudges, escalationSteps: nudges.escalationSteps.map((s, j) => (j === i ? { ...s, pullIn: e.target.value } : s)) })} />
              </label>
              {canEdit && (
                <Button type="button" variant="ghost" onClick={() => setNudges({ ...nudges, escalationSteps: nudges.escalationSteps.filter((_, j) => j !== i) })}>
                  Remove
                </Button>
              )}
            </li>
          ))}
        </ol>
        {canEdit && nudges.escalationSteps.length < 10 && (
          <Button
            type="button"
            variant="secondary"
            onClick={() => setNudges({ ...nudges, escalationSteps: [...nudges.escalationSteps, { afterMinutes: (nudges.escalationSteps.at(-1)?.afterMinutes ?? 0) + 15, pullIn: "" }] })}
          >
            Add a step
          </Button>
        )}
      </fieldset>
      {canEdit ? (
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={state.kind === "saving"}>
            {state.kind === "saving" ? "Saving…" : "Save"}
          </Button>
          <span role="status" className="text-sm text-slate-600 dark:text-slate-400">
            {state.kind === "saved" ? "Saved." : state.kind === "error" ? state.message : ""}
          </span>
        </div>
      ) : (
        <p className="text-sm text-slate-500">Only an admin changes these.</p>
      )}
    </form>
  );
}
