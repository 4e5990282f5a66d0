"use client";
// Stakeholder share links on the incident page: the commander (or an admin)
// creates a read-only link to the exec summary for people without an account,
// copies it, and revokes it. Everyone else sees which links exist and how often
// they were opened. A private incident cannot be shared.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { SHARE_LINK_DEFAULT_HOURS, type ShareLinkList, type ShareLinkView } from "@/lib/domain/status";
import { ApiRequestError, fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";

const EXPIRY_CHOICES = [
  [1, "1 hour"],
  [4, "4 hours"],
  [24, "24 hours"],
  [72, "3 days"],
  [168, "7 days"],
] as const;

const STATE_STYLE: Record<ShareLinkView["state"], string> = {
  active: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  expired: "bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
  revoked: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
};

function CopyButton({ url }: { url: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      type="button"
      variant="secondary"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(url);
          setCopied(true);
          setTimeout(() => setCopied(false), 2000);
        } catch {
          window.prompt("Copy the link:", url);
        }
      }}
    >
      {copied ? "Copied" : "Copy link"}
    </Button>
  );
}

function LinkRow({ link, canManage, onRevoke, revoking }: { link: ShareLinkView; canManage: boolean; onRevoke: () => void; revoking: boolean }) {
  return (
    <li className="space-y-1.5 p-3 text-sm" data-share-link={link.id} data-state={link.state}>
      <div className="flex flex-wrap items-center gap-2">
        <span className={`rounded px-1.5 py-0.5 text-xs font-semibold capitalize ${STATE_STYLE[link.state]}`}>{link.state}</span>
        <span className="text-xs text-slate-600 dark:text-slate-400">
          {link.state === "revoked" && link.revokedAt ? (
            <>
              revoked <RelativeTime at={link.revokedAt} />
            </>
          ) : (
            <>
              {link.state === "active" ? "expires" : "expired"} <RelativeTime at={link.expiresAt} />
            </>
          )}
          {link.createdBy && <> · by @{link.createdBy.handle}</>}
          {" · "}
          {link.views} view{link.views === 1 ? "" : "s"}
          {link.lastViewedAt && (
            <>
              , last <RelativeTime at={link.lastViewedAt} />
            </>
          )}
        </span>
      </div>
      {link.url && (
        <code className="block truncate rounded bg-slate-100 px-2 py-1 font-mono text-xs dark:bg-slate-800" title={link.url}>
          {link.url}
        </code>
      )}
      {(link.url || (canManage && link.state === "active")) && (
        <div className="flex flex-wrap gap-2">
          {link.url && <CopyButton url={link.url} />}
          {canManage && link.state === "active" && (
            <Button type="button" variant="secondary" onClick={onRevoke} disabled={revoking} aria-label={`Revoke share link created ${new Date(link.createdAt).toISOString()}`}>
              Revoke
            </Button>
          )}
        </div>
      )}
    </li>
  );
}

export function ShareLinks({ incidentRef, canManage: canManageProp }: { incidentRef: string; canManage: boolean }) {
  const client = useQueryClient();
  const key = queryKeys.shareLinks(incidentRef);
  const base = `/api/v1/incidents/${incidentRef}/share-links`;
  const selectId = useId();
  const [hours, setHours] = useState<number>(SHARE_LINK_DEFAULT_HOURS);
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<{ copied: boolean }>();
  const list = useQuery({
    queryKey: key,
    queryFn: () => fetchJson<ShareLinkList>(base),
    retry: (count, e) => !(e instanceof ApiRequestError && e.status < 500) && count < 2,
  });
  const refresh = () => void client.invalidateQueries({ queryKey: key });
  const onError = (e: unknown) => setError(e instanceof ApiRequestError ? e.message : "Something went wrong. Try again.");

  const create = useMutation({
    mutationFn: () => fetchJson<ShareLinkView & { url: string }>(base, { method: "POST", json: { expiresInHours: hours } }),
    onSuccess: async (link) => {
      setError(undefined);
      refresh();
      const copied = await navigator.clipboard?.writeText(link.url).then(
        () => true,
        () => false,
      );
      setCreated({ copied: Boolean(copied) });
    },
    onError,
  });
  const revoke = useMutation({
    mutationFn: (id: string) => fetchJson<ShareLinkView>(`${base}/${id}`, { method: "DELETE" }),
    onSuccess: () => {
      setError(undefined);
      refresh();
    },
    onError,
  });

  // The server has the last word (a handover may have changed who commands); nothing is offered before it answers.
  const canManage = canManageProp && (list.data?.canManage ?? false);
  const shareable = list.data?.shareable ?? false;
  const items = list.data?.items ?? [];

  return (
    <section aria-labelledby={`${selectId}-heading`} className="space-y-3 rounded-lg border border-slate-200 bg-white p-3 sm:p-4 dark:border-slate-800 dark:bg-slate-900" data-testid="share-links">
      <div>
        <h2 id={`${selectId}-heading`} className="text-sm font-semibold uppercase tracking-wide text-slate-500">
          Share with stakeholders
        </h2>
        <p className="text-xs text-slate-500">A read-only link to the exec summary for people without an account. Every view is logged.</p>
      </div>

      {!list.data ? null : !shareable ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Private incidents cannot be shared.</p>
      ) : canManage ? (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <div className="space-y-1">
            <label htmlFor={selectId} className="block text-xs font-medium text-slate-600 dark:text-slate-400">
              Link works for
            </label>
            <Select id={selectId} value={hours} onChange={(e) => setHours(Number(e.target.value))} className="w-auto">
              {EXPIRY_CHOICES.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </div>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create share link"}
          </Button>
        </form>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">Only the incident commander or an admin can create share links.</p>
      )}

      {error && (
        <p role="alert" className="text-sm font-medium text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      {created && (
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
          Link created{created.copied ? " and copied to the clipboard" : ""}: it works until it expires or you revoke it.
        </p>
      )}

      {list.isPending ? (
        <p className="text-sm text-slate-500">Loading share links…</p>
      ) : list.isError ? (
        <p className="text-sm text-red-600 dark:text-red-400">Could not load the share links.</p>
      ) : items.length > 0 ? (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
          {items.map((link) => (
            <LinkRow key={link.id} link={link} canManage={canManage} onRevoke={() => revoke.mutate(link.id)} revoking={revoke.isPending} />
          ))}
        </ul>
      ) : list.isSuccess ? (
        <p className="text-sm text-slate-500">No share links yet.</p>
      ) : null}
    </section>
  );
}
