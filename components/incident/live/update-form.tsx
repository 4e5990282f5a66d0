"use client";
// The CAN update form (condition, action, need), opened with "u" from the action
// bar and pre-filled by the comms drafts: its own module, so both can use it.
import { useState, type FormEvent } from "react";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { cadenceMinutes } from "@/lib/domain/cadence";
import { isActive } from "@/lib/domain/lifecycle";
import { UPDATE_AUDIENCES, updateCreateSchema } from "@/lib/domain/schemas";
import { ClientValidationError, FormFooter, FormMessage, newIdempotencyKey, submitOnModEnter, useInitialFocus, useSubmit, validate } from "@/components/ui/form-kit";
import { useIncident } from "./context";

const AUDIENCE_HINT: Record<(typeof UPDATE_AUDIENCES)[number], { label: string; hint: string }> = {
  responders: { label: "Responders", hint: "Technical: what we see, what we are trying next." },
  internal: { label: "Internal stakeholders", hint: "Impact, ETA and plan, without the jargon." },
  exec: { label: "Execs", hint: "Business impact and the decisions needed from them." },
  public: { label: "Customers (public)", hint: "Honest and plain: what is affected, what we are doing, when we report next." },
};

const MINUTES = /^\d{1,4}$/;

export interface UpdateDraft {
  condition: string;
  action: string;
  need: string;
  audience: (typeof UPDATE_AUDIENCES)[number];
}

export function UpdateForm({ onDone, initial }: { onDone: () => void; initial?: UpdateDraft }) {
  const { view, write, cadence } = useIncident();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const active = isActive(view.status);
  // Prefilled from the severity's cadence; untouched, the field is not sent and the server applies the org's cadence.
  const suggested = active ? cadenceMinutes(view.severity, cadence) : null;
  const [next, setNext] = useState(suggested === null ? "" : String(suggested));
  const [nextTouched, setNextTouched] = useState(false);
  const [audience, setAudience] = useState<(typeof UPDATE_AUDIENCES)[number]>(initial?.audience ?? "internal");
  const { pending, errors, message, run } = useSubmit(["condition", "action", "need", "audience", "nextUpdateInMinutes"]);
  useInitialFocus("can-condition");

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const ok = await run(async () => {
      let nextUpdateInMinutes: number | null | undefined;
      if (nextTouched) {
        const minutes = next.trim();
        if (minutes !== "" && !(MINUTES.test(minutes) && Number(minutes) >= 1 && Number(minutes) <= 1440)) {
          throw new ClientValidationError({ nextUpdateInMinutes: "Whole minutes (1–1440), or empty for no further update" });
        }
        nextUpdateInMinutes = minutes === "" ? null : Number(minutes);
      }
      const body = validate(updateCreateSchema, {
        condition: String(form.get("condition") ?? ""),
        action: String(form.get("action") ?? ""),
        need: String(form.get("need") ?? ""),
        audience,
        nextUpdateInMinutes,
      });
      await write("POST", "/updates", body, { idempotencyKey });
    });
    if (ok) onDone();
  }

  const minutesHint = next.trim() === "" ? "Empty: no further update planned." : `Everyone sees the countdown to the next update.`;
  return (
    <form onSubmit={onSubmit} onKeyDown={submitOnModEnter} noValidate className="space-y-3">
      <p className="text-xs text-slate-600 dark:text-slate-400">Condition, Action, Need: what everyone asking &ldquo;what&rsquo;s going on?&rdquo; needs, in that order.</p>
      <Field label="Condition" htmlFor="can-condition" hint="What is happening, what is impacted, since when." error={errors.condition}>
        <Textarea id="can-condition" name="condition" defaultValue={initial?.condition} rows={2} maxLength={2000} aria-invalid={!!errors.condition} placeholder="e.g. EU checkout returns 502 for ~30% of requests since 14:02 UTC" />
      </Field>
      <Field label="Action" htmlFor="can-action" hint="What has been done, what is under way." error={errors.action}>
        <Textarea id="can-action" name="action" defaultValue={initial?.action} rows={2} maxLength={2000} aria-invalid={!!errors.action} placeholder="e.g. Rolled back v2.3 in eu-west-1; watching the error rate" />
      </Field>
      <Field label="Need (optional)" htmlFor="can-need" hint="What help, approval or unblocking is needed, and from whom." error={errors.need}>
        <Textarea id="can-need" name="need" defaultValue={initial?.need} rows={2} maxLength={2000} aria-invalid={!!errors.need} placeholder="e.g. Approval from @payments-lead to fail over to eu-central" />
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Audience" htmlFor="can-audience" hint={AUDIENCE_HINT[audience].hint} error={errors.audience}>
          <Select id="can-audience" value={audience} onChange={(e) => setAudience(e.target.value as typeof audience)}>
            {UPDATE_AUDIENCES.map((a) => (
              <option key={a} value={a}>
                {AUDIENCE_HINT[a].label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Next update in (minutes)" htmlFor="can-next" hint={minutesHint} error={errors.nextUpdateInMinutes}>
          <Input
            id="can-next"
            inputMode="numeric"
            pattern="[0-9]*"
            value={next}
            onChange={(e) => {
              setNext(e.target.value);
              setNextTouched(true);
            }}
            aria-invalid={!!errors.nextUpdateInMinutes}
            placeholder="none"
          />
        </Field>
      </div>
      <FormMessage message={message} />
      <FormFooter pending={pending} label="Post update" pendingLabel="Posting…" onCancel={onDone} />
    </form>
  );
}