"use client";
// "Page a service or person": when nobody was paged (no service, or a service
// without a policy), or when the incident needs someone no rotation holds. A
// service is added to the incident (its policy pages its on-call, once per
// outage); a person is paged directly, with a note saying why they are needed.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, useDialog } from "@/components/ui/dialog";
import { Field, Select, Textarea } from "@/components/ui/field";
import { FormFooter, isStaleVersion, newIdempotencyKey, useSubmit } from "@/components/ui/form-kit";
import { PeoplePicker } from "@/components/ui/people-picker";
import type { DeclareOptionsDto } from "@/lib/domain/declare";
import type { PersonRef } from "@/lib/domain/people";
import { fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";
import { useIncident } from "./context";

export function PageSomeoneButton({ strong }: { strong: boolean }) {
  const dialog = useDialog();
  return (
    <>
      <Button variant={strong ? "primary" : "secondary"} onClick={dialog.show} className="min-h-11">
        Page a service or person
      </Button>
      <Dialog open={dialog.open} onClose={dialog.close} title="Page a service or person">
        <PageSomeoneForm key={dialog.openCount} onDone={dialog.close} />
      </Dialog>
    </>
  );
}

function PageSomeoneForm({ onDone }: { onDone: () => void }) {
  const { view, write, reload, me } = useIncident();
  const client = useQueryClient();
  const [target, setTarget] = useState<"service" | "person">("service");
  const [service, setService] = useState("");
  const [person, setPerson] = useState<PersonRef | null>(null);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const options = useQuery({ queryKey: queryKeys.declareOptions(), queryFn: ({ signal }) => fetchJson<DeclareOptionsDto>("/api/v1/incidents/declare-options", { signal }) });
  const onIncident = new Set(view.services.map((s) => s.key));
  const choices = (options.data?.services ?? []).filter((s) => !onIncident.has(s.key));
  const chosen = choices.find((s) => s.key === service);
  const { pending, errors, message, run, setErrors } = useSubmit(["user", "note", "services"], {
    onError: (error) => {
      if (!isStaleVersion(error)) return;
      void reload();
      return "The incident changed meanwhile — reloaded. Pick again and send.";
    },
  });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const note = String(new FormData(event.currentTarget).get("note") ?? "").trim();
    if (target === "service" && !chosen) return setErrors({ services: "Pick a service" });
    if (target === "person" && !person) return setErrors({ user: "Pick who to page" });
    const ok = await run(async () => {
      if (target === "service") {
        await write("PATCH", "", { version: view.version, services: [...view.services.map((s) => s.key), chosen!.key] });
      } else {
        await fetchJson(`/api/v1/incidents/${encodeURIComponent(view.ref)}/pages`, {
          method: "POST",
          json: { user: person!.handle, ...(note ? { note } : {}) },
          headers: { "Idempotency-Key": idempotencyKey },
        });
      }
    });
    if (!ok) return;
    void client.invalidateQueries({ queryKey: queryKeys.incidentPages(view.ref) });
    onDone();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="sr-only">Page</legend>
        {(["service", "person"] as const).map((t) => (
          <label key={t} className="flex min-h-11 items-center gap-2">
            <input type="radio" name="target" checked={target === t} onChange={() => setTarget(t)} />
            {t === "service" ? "A service's on-call" : "A person"}
          </label>
        ))}
      </fieldset>
      {target === "service" ? (
        <Field
          label="Service"
          htmlFor="page-service"
          error={errors.services}
          hint={chosen ? (chosen.pages.length ? `Pages ${chosen.pages.map((p) => `@${p.handle}`).join(", ")} now (${chosen.policy}).` : chosen.policy ? `Nobody is on call for ${chosen.policy} now.` : "This service has no escalation policy: nobody will be paged.") : "Adding it to the incident pages its on-call."}
        >
          <Select id="page-service" value={service} onChange={(e) => setService(e.target.value)} aria-invalid={!!errors.services}>
            <option value="">{options.isLoading ? "Loading…" : "Pick a service"}</option>
            {choices.map((s) => (
              <option key={s.key} value={s.key}>
                {s.name} ({s.key}){s.team ? ` · ${s.team.name}` : ""}
              </option>
            ))}
          </Select>
        </Field>
      ) : (
        <>
          <Field label="Who" htmlFor="page-person" error={errors.user}>
            <PeoplePicker id="page-person" value={person} onChange={setPerson} exclude={[me.handle]} invalid={!!errors.user} autoFocus />
          </Field>
          <Field label="Why (optional)" htmlFor="page-note" error={errors.note} hint="Shown with the page: what you need them for.">
            <Textarea id="page-note" name="note" rows={2} maxLength={500} placeholder="Need a DBA for replica lag" />
          </Field>
        </>
      )}
      <FormFooter message={message} pending={pending} onCancel={onDone} label="Page now" pendingLabel="Paging…" keyHint={false} />
    </form>
  );
}
