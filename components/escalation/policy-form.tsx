"use client";
// An admin writes an escalation policy: ordered steps, each paging the on-call
// of a schedule or named people (responders and admins: a viewer could never
// acknowledge), with the minutes to wait before the next step; and how many
// times the whole policy runs again if nobody answers. Edits carry the version
// the form was opened with: if someone saved in between, the 409 says so and
// the form keeps what was typed.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { PeoplePicker } from "@/components/ui/people-picker";
import { Button } from "@/components/ui/button";
import { FormFooter, isStaleVersion, newIdempotencyKey, useSubmit } from "@/components/ui/form-kit";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { cumulativeMinutes, formatDelay, MAX_REPEAT, MAX_STEPS, MAX_TARGETS, type PolicyDto } from "@/lib/domain/escalation";
import type { PersonRef } from "@/lib/domain/people";
import { fetchJson } from "@/lib/query/fetch-json";

export interface ScheduleOption {
  id: string;
  name: string;
  team: string | null;
}

interface TargetDraft {
  key: string;
  kind: "schedule" | "user";
  /** The schedule's id ("" until picked). */
  schedule: string;
  person: PersonRef | null;
  /** A target the policy names but that no longer exists: shown so the admin replaces or removes it. */
  missing?: string;
}

interface StepDraft {
  key: string;
  /** Minutes, as typed. */
  delay: string;
  targets: TargetDraft[];
}

let seq = 0;
const nextKey = () => `d${++seq}`;

const emptyTarget = (kind: TargetDraft["kind"] = "schedule", schedule = ""): TargetDraft => ({ key: nextKey(), kind, schedule, person: null });

function draftsOf(policy: PolicyDto): StepDraft[] {
  return policy.steps.map((s) => ({
    key: nextKey(),
    delay: String(s.delayMinutes),
    targets: s.targets.map((t) =>
      t.kind === "schedule"
        ? { key: nextKey(), kind: "schedule", schedule: t.missing ? "" : t.id, person: null, ...(t.missing ? { missing: "Its schedule was deleted: pick another." } : {}) }
        : { key: nextKey(), kind: "user", schedule: "", person: t.missing ? null : { handle: t.handle ?? "", name: t.name }, ...(t.missing ? { missing: "This person left: pick someone else." } : {}) },
    ),
  }));
}

function move<T>(list: T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

/** Typed minutes → a number for the API; empty or unreadable → null, which the API answers with "Must be a number of minutes". */
const minutesOf = (typed: string) => {
  const n = Number(typed.trim().replace(",", "."));
  return typed.trim() === "" || !Number.isFinite(n) ? null : n;
};

const invalidBorder = "aria-[invalid=true]:border-red-500 dark:aria-[invalid=true]:border-red-500";

const STALE_MESSAGE = "This policy was changed by someone else since you opened it — reload to see their version. What you typed is still in this form.";

export function PolicyForm({
  policy,
  schedules,
  onSaved,
  onCancel,
}: {
  /** Absent: a new policy. */
  policy?: PolicyDto;
  schedules: ScheduleOption[];
  onSaved: (policy: PolicyDto) => void;
  onCancel: () => void;
}) {
  const router = useRouter();
  const editing = policy !== undefined;
  const [name, setName] = useState(policy?.name ?? "");
  const [description, setDescription] = useState(policy?.description ?? "");
  const [steps, setSteps] = useState<StepDraft[]>(() =>
    policy ? draftsOf(policy) : [{ key: nextKey(), delay: "15", targets: [emptyTarget("schedule", schedules.length === 1 ? schedules[0]!.id : "")] }],
  );
  const [repeat, setRepeat] = useState(String(policy?.repeat ?? 0));
  const [stale, setStale] = useState(false);
  const [idempotencyKey] = useState(newIdempotencyKey);
  // Every field the form marks; errorAt shows a target's own errors (`.user`, `.schedule`, `.kind`) next to it.
  const shown = [
    "name",
    "repeat",
    "description",
    "steps",
    ...steps.flatMap((s, i) => [
      `steps.${i}.delayMinutes`,
      `steps.${i}.targets`,
      ...s.targets.flatMap((_, j) => [`steps.${i}.targets.${j}`, ...["kind", "schedule", "user"].map((k) => `steps.${i}.targets.${j}.${k}`)]),
    ]),
  ];
  const { pending, errors, message, run, setErrors } = useSubmit(shown, {
    onError: (error) => {
      if (isStaleVersion(error)) {
        setStale(true);
        return STALE_MESSAGE;
      }
    },
  });

  // Moving or removing a step shifts every index after it: errors keyed by the old indexes would point at the wrong step.
  const restructure = (change: (all: StepDraft[]) => StepDraft[]) => {
    setSteps(change);
    setErrors({});
  };
  const starts = cumulativeMinutes(steps.map((s) => ({ delayMinutes: minutesOf(s.delay) ?? 0 })));
  const setStep = (i: number, patch: Partial<StepDraft>) => setSteps((all) => all.map((s, k) => (k === i ? { ...s, ...patch } : s)));
  const setTarget = (i: number, j: number, patch: Partial<TargetDraft>) =>
    setSteps((all) => all.map((s, k) => (k === i ? { ...s, targets: s.targets.map((t, m) => (m === j ? { ...t, ...patch, missing: undefined } : t)) } : s)));

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    setStale(false);
    const body = {
      name,
      description,
      repeat: Number(repeat),
      steps: steps.map((s) => ({
        delayMinutes: minutesOf(s.delay),
        targets: s.targets.map((t) => (t.kind === "schedule" ? { kind: "schedule", schedule: t.schedule } : { kind: "user", user: t.person?.handle ?? "" })),
      })),
    };
    await run(async () => {
      const saved = editing
        ? await fetchJson<PolicyDto>(`/api/v1/escalation-policies/${policy.id}`, { method: "PATCH", json: { version: policy.version, ...body } })
        : await fetchJson<PolicyDto>("/api/v1/escalation-policies", { method: "POST", json: body, headers: { "Idempotency-Key": idempotencyKey } });
      onSaved(saved);
      router.refresh();
    });
  }

  /** The first error at or under `prefix` (`steps.0.targets.1` covers `steps.0.targets.1.user`). */
  const errorAt = (prefix: string) => errors[prefix] ?? Object.entries(errors).find(([k]) => k.startsWith(`${prefix}.`))?.[1];

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={editing ? `Edit ${policy.name}` : "New escalation policy"}>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Name" htmlFor="policy-name" error={errors.name}>
          <Input id="policy-name" aria-invalid={!!errors.name || undefined} className={invalidBorder} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required placeholder="Payments standard" />
        </Field>
        <Field label="If nobody acknowledges after the last step" htmlFor="policy-repeat" error={errors.repeat}>
          <Select id="policy-repeat" value={repeat} onChange={(e) => setRepeat(e.target.value)}>
            {Array.from({ length: MAX_REPEAT + 1 }, (_, n) => (
              <option key={n} value={n}>
                {n === 0 ? "Stop: the policy runs once" : n === 1 ? "Start again from step 1, once" : `Start again from step 1, ${n} times`}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label="Description (optional)" htmlFor="policy-description" error={errors.description}>
        <Textarea id="policy-description" value={description} onChange={(e) => setDescription(e.target.value)} rows={2} maxLength={2000} placeholder="On-call first; the team lead at 15 min; the director at 30 min." />
      </Field>

      <ol className="space-y-3" aria-label="Steps">
        {steps.map((step, i) => (
          <li key={step.key}>
            <fieldset className="min-w-0 space-y-3 rounded-lg border border-slate-200 p-3 dark:border-slate-700" aria-label={`Step ${i + 1}`}>
              <legend className="px-1 text-sm font-semibold">
                Step {i + 1} <span className="font-normal text-slate-500 dark:text-slate-400">· {i === 0 ? "paged at once" : `after ${starts[i] === 0 ? "0 min" : formatDelay(starts[i]!)}`}</span>
              </legend>
              <div className="flex flex-wrap gap-1">
                <Button type="button" variant="ghost" className="min-h-8 px-2" aria-label={`Move step ${i + 1} up`} disabled={i === 0} onClick={() => restructure((all) => move(all, i, i - 1))}>
                  ↑
                </Button>
                <Button type="button" variant="ghost" className="min-h-8 px-2" aria-label={`Move step ${i + 1} down`} disabled={i === steps.length - 1} onClick={() => restructure((all) => move(all, i, i + 1))}>
                  ↓
                </Button>
                <Button type="button" variant="ghost" className="ml-auto min-h-8 px-2 text-red-700 dark:text-red-400" disabled={steps.length === 1} onClick={() => restructure((all) => all.filter((_, k) => k !== i))}>
                  Remove step {i + 1}
                </Button>
              </div>

              <ul className="space-y-2" aria-label={`Step ${i + 1} notifies`}>
                {step.targets.map((t, j) => {
                  const id = `policy-${step.key}-${t.key}`;
                  const error = errorAt(`steps.${i}.targets.${j}`) ?? t.missing;
                  return (
                    <li key={t.key} className="space-y-1">
                      <div className="grid grid-cols-[minmax(0,1fr)_auto] gap-2 sm:grid-cols-[12rem_minmax(0,1fr)_auto]">
                        <Select
                          aria-label={`Step ${i + 1} target ${j + 1} kind`}
                          value={t.kind}
                          onChange={(e) => setTarget(i, j, { kind: e.target.value as TargetDraft["kind"], schedule: "", person: null })}
                        >
                          <option value="schedule">Schedule (on call)</option>
                          <option value="user">Person</option>
                        </Select>
                        <div className="col-span-2 row-start-2 min-w-0 sm:col-span-1 sm:row-start-auto">
                          {t.kind === "schedule" ? (
                            <Select
                              id={id}
                              aria-label={`Step ${i + 1} target ${j + 1} schedule`}
                              aria-invalid={!!error || undefined}
                              className={invalidBorder}
                              value={t.schedule} onChange={(e) => setTarget(i, j, { schedule: e.target.value })}>
                              <option value="" disabled>
                                {schedules.length ? "Pick a schedule" : "No schedules yet"}
                              </option>
                              {schedules.map((s) => (
                                <option key={s.id} value={s.id}>
                                  {s.name}
                                  {s.team ? ` (${s.team})` : ""}
                                </option>
                              ))}
                            </Select>
                          ) : (
                            <>
                              <label htmlFor={id} className="sr-only">
                                Step {i + 1} target {j + 1} person
                              </label>
                              <PeoplePicker id={id} value={t.person} onChange={(person) => setTarget(i, j, { person })} invalid={!!error} />
                            </>
                          )}
                        </div>
                        <Button
                          type="button"
                          variant="ghost"
                          aria-label={`Remove step ${i + 1} target ${j + 1}`}
                          disabled={step.targets.length === 1}
                          onClick={() => restructure((all) => all.map((s, k) => (k === i ? { ...s, targets: s.targets.filter((_, m) => m !== j) } : s)))}
                        >
                          ✕
                        </Button>
                      </div>
                      {error && (
                        <p role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
                          {error}
                        </p>
                      )}
                    </li>
                  );
                })}
              </ul>
              {errors[`steps.${i}.targets`] && (
                <p role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
                  {errors[`steps.${i}.targets`]}
                </p>
              )}
              <div className="flex flex-wrap items-start gap-3">
                <div className="w-full sm:w-72">
                  <Field
                    label="Wait (minutes)"
                    htmlFor={`policy-${step.key}-delay`}
                    hint={i < steps.length - 1 ? `Then step ${i + 2}, unless someone acknowledged.` : Number(repeat) > 0 ? "Then step 1 again, unless someone acknowledged." : "Then the escalation stops: nobody else is paged."}
                    error={errors[`steps.${i}.delayMinutes`]}
                  >
                    <Input
                      id={`policy-${step.key}-delay`}
                      inputMode="decimal"
                      value={step.delay}
                      onChange={(e) => setStep(i, { delay: e.target.value })}
                      aria-invalid={!!errors[`steps.${i}.delayMinutes`] || undefined}
                      className={invalidBorder}
                    />
                  </Field>
                </div>
                <Button type="button" variant="secondary" className="sm:mt-6 sm:ml-auto" disabled={step.targets.length >= MAX_TARGETS} onClick={() => setStep(i, { targets: [...step.targets, emptyTarget("user")] })}>
                  Add a schedule or person
                </Button>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      {errors.steps && (
        <p role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
          {errors.steps}
        </p>
      )}
      <Button type="button" variant="secondary" disabled={steps.length >= MAX_STEPS} onClick={() => setSteps((all) => [...all, { key: nextKey(), delay: "15", targets: [emptyTarget("user")] }])}>
        Add a step
      </Button>

      <FormFooter
        message={message}
        pending={pending}
        onCancel={onCancel}
        label={editing ? "Save changes" : "Create policy"}
        errorAction={
          stale && (
            <Button type="button" variant="secondary" onClick={() => window.location.reload()}>
              Reload
            </Button>
          )
        }
        keyHint={false}
        pendingLabel="Saving…"
      />
    </form>
  );
}
