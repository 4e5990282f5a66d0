"use client";
// An admin creates a team: a display name and its key, the short canonical name
// (`payments`) that schedules, services and filters use. The key is suggested
// from the name until typed by hand; it never changes afterwards.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormFooter, newIdempotencyKey, useSubmit } from "@/components/ui/form-kit";
import { Dialog, useDialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { suggestTeamKey, type TeamDto } from "@/lib/domain/teams";
import { fetchJson } from "@/lib/query/fetch-json";

export function CreateTeamButton() {
  const dialog = useDialog();
  return (
    <>
      <Button onClick={dialog.show}>New team</Button>
      <Dialog open={dialog.open} onClose={dialog.close} title="New team">
        <CreateTeamForm key={dialog.openCount} onDone={dialog.close} />
      </Dialog>
    </>
  );
}

function CreateTeamForm({ onDone }: { onDone: () => void }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [key, setKey] = useState("");
  const [keyTyped, setKeyTyped] = useState(false);
  const [idempotencyKey] = useState(newIdempotencyKey);
  // Held pending after success: the page navigates to the new team, and a second click must not create another.
  const { pending, errors, message, run } = useSubmit(["name", "key"], { holdAfterSuccess: true });
  const shownKey = keyTyped ? key : suggestTeamKey(name);

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const ok = await run(async () => {
      const team = await fetchJson<TeamDto>("/api/v1/teams", { method: "POST", json: { key: shownKey, name }, headers: { "Idempotency-Key": idempotencyKey } });
      router.push(`/teams/${team.key}`);
      router.refresh();
    });
    if (ok) onDone();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <Field label="Name" htmlFor="team-name" error={errors.name}>
        <Input id="team-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required autoFocus placeholder="Payments" />
      </Field>
      <Field label="Key" htmlFor="team-key" hint="Short, lowercase, for schedules, services and filters. It cannot change later." error={errors.key}>
        <Input
          id="team-key"
          value={shownKey}
          onChange={(e) => {
            setKeyTyped(true);
            setKey(e.target.value);
          }}
          maxLength={40}
          autoCapitalize="none"
          autoComplete="off"
          spellCheck={false}
          className="font-mono"
          placeholder="payments"
        />
      </Field>
      <FormFooter message={message} pending={pending} onCancel={onDone} label="Create team" pendingLabel="Creating…" keyHint={false} />
    </form>
  );
}
