"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { ApiRequestError, fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";

interface TokenDto {
  id: string;
  name: string;
  prefix: string;
  automation: boolean;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export function TokenManager() {
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: queryKeys.tokens(), queryFn: () => fetchJson<{ items: TokenDto[] }>("/api/v1/tokens") });
  const [created, setCreated] = useState<string>();
  const [error, setError] = useState<string>();

  const create = useMutation({
    mutationFn: (input: { name: string; automation: boolean }) => fetchJson<TokenDto & { token: string }>("/api/v1/tokens", { method: "POST", json: input }),
    onSuccess: (token) => {
      setCreated(token.token);
      setError(undefined);
      void queryClient.invalidateQueries({ queryKey: queryKeys.tokens() });
    },
    onError: (e) => setError(e instanceof ApiRequestError ? e.message : "Could not create the token."),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => fetchJson<TokenDto>(`/api/v1/tokens/${id}`, { method: "DELETE" }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.tokens() }),
  });

  return (
    <div className="space-y-6">
      <form
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          create.mutate({ name: String(form.get("name") ?? ""), automation: form.get("automation") === "on" });
          e.currentTarget.reset();
        }}
      >
        <Field label="Token name" htmlFor="token-name" error={error}>
          <Input id="token-name" name="name" required maxLength={80} placeholder="deploy-bot" />
        </Field>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="automation" /> Automation (a bot, an AI agent or a script)
        </label>
        <Button type="submit" disabled={create.isPending}>
          Create token
        </Button>
      </form>

      {created && (
        <div role="status" className="space-y-2 rounded-lg border border-emerald-400 bg-emerald-50 p-4 dark:bg-emerald-950">
          <p className="text-sm font-medium">Copy this token now: it is shown only once.</p>
          <code data-testid="new-token" className="block break-all rounded bg-white p-2 font-mono text-sm dark:bg-slate-900">
            {created}
          </code>
          <Button variant="secondary" onClick={() => void navigator.clipboard?.writeText(created)}>
            Copy
          </Button>
        </div>
      )}

      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
        {tokens.data?.items.length === 0 && <li className="p-3 text-sm text-slate-500">No tokens yet.</li>}
        {tokens.data?.items.map((t) => (
          <li key={t.id} className="flex flex-wrap items-center gap-2 p-3 text-sm">
            <span className="font-medium [overflow-wrap:anywhere]">{t.name}</span>
            <code className="text-xs text-slate-500">{t.prefix}…</code>
            {t.automation && <span className="rounded border border-sky-400 px-1 text-xs text-sky-700 dark:text-sky-300">automation</span>}
            <span className="text-xs text-slate-500">
              created <RelativeTime at={t.createdAt} />
              {t.lastUsedAt && (
                <>
                  {" "}
                  · used <RelativeTime at={t.lastUsedAt} />
                </>
              )}
            </span>
            <span className="ml-auto">
              {t.revokedAt ? (
                <span className="text-xs text-slate-500">revoked</span>
              ) : (
                <Button variant="secondary" onClick={() => revoke.mutate(t.id)} aria-label={`Revoke ${t.name}`}>
                  Revoke
                </Button>
              )}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
