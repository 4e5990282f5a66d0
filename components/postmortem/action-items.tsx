"use client";
// Tracked action items: a table (cards on a phone) with inline edit, and the
// create form. Each item has one owner, a due date, a kind and a status; won't
// do needs a reason; every edit carries the version last read (409 when stale).
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { ActionStatusBadge, SeverityBadge } from "@/components/ui/badges";
import { PeoplePicker } from "@/components/ui/people-picker";
import { FormMessage, useSubmit } from "@/components/ui/form-kit";
import type { PersonRef } from "@/lib/domain/people";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { ACTION_ITEM_KINDS, ACTION_ITEM_STATUSES, ACTION_ITEM_STATUS_LABELS, type ActionItemDto, type ActionItemKind, type ActionItemStatus } from "@/lib/domain/postmortem/action-items";
import { POSTMORTEM_TYPE_LABELS } from "@/lib/domain/postmortem/review-types";
import type { Severity } from "@/lib/domain/severity";
import { PRIORITIES } from "@/lib/domain/severity";
import { fetchJson } from "@/lib/query/fetch-json";

const inTwoWeeks = () => new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);

interface FormValues {
  title: string;
  owner: PersonRef | null;
  dueAt: string;
  priority: string;
  kind: string;
  trackerUrl: string;
  status: ActionItemStatus;
  reason: string;
}

function ActionItemForm({
  initial,
  editing,
  onSubmit,
  onCancel,
  idPrefix,
}: {
  initial: FormValues;
  editing: boolean;
  onSubmit: (values: FormValues) => Promise<void>;
  onCancel?: () => void;
  idPrefix: string;
}) {
  const [v, setV] = useState(initial);
  const { pending, errors, message, run } = useSubmit(["title", "owner", "dueAt", "priority", "kind", "trackerUrl", "status", "reason"]);
  const set = (k: keyof FormValues) => (e: { target: { value: string } }) => setV((cur) => ({ ...cur, [k]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    await run(() => onSubmit(v));
  }

  const id = (k: string) => `${idPrefix}-${k}`;
  return (
    <form onSubmit={submit} className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4" aria-label={editing ? "Edit action item" : "New action item"}>
      <div className="sm:col-span-2">
        <Field label="Action" htmlFor={id("title")} error={errors.title}>
          <Input id={id("title")} value={v.title} onChange={set("title")} required maxLength={300} placeholder="Specific: what will change" />
        </Field>
      </div>
      <Field label="Owner (one person)" htmlFor={id("owner")} error={errors.owner}>
        <PeoplePicker id={id("owner")} value={v.owner} onChange={(owner) => setV((cur) => ({ ...cur, owner }))} invalid={!!errors.owner} />
      </Field>
      <Field label="Due" htmlFor={id("due")} error={errors.dueAt}>
        <Input id={id("due")} type="date" value={v.dueAt} onChange={set("dueAt")} required />
      </Field>
      <Field label="Priority" htmlFor={id("priority")}>
        <Select id={id("priority")} value={v.priority} onChange={set("priority")}>
          {PRIORITIES.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </Select>
      </Field>
      <Field label="Kind" htmlFor={id("kind")}>
        <Select id={id("kind")} value={v.kind} onChange={set("kind")}>
          {ACTION_ITEM_KINDS.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </Select>
      </Field>
      <div className="sm:col-span-2">
        <Field label="Tracker link (optional)" htmlFor={id("tracker")} error={errors.trackerUrl}>
          <Input id={id("tracker")} type="url" value={v.trackerUrl} onChange={set("trackerUrl")} placeholder="https://tracker.example/OPS-123" />
        </Field>
      </div>
      {editing && (
        <>
          <Field label="Status" htmlFor={id("status")} error={errors.status}>
            <Select id={id("status")} value={v.status} onChange={set("status")}>
              {ACTION_ITEM_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {ACTION_ITEM_STATUS_LABELS[s]}
                </option>
              ))}
            </Select>
          </Field>
          {v.status === "wont_do" && (
            <div className="sm:col-span-2 lg:col-span-3">
              <Field label="Why won't it be done?" htmlFor={id("reason")} error={errors.reason}>
                <Input id={id("reason")} value={v.reason} onChange={set("reason")} required maxLength={2000} />
              </Field>
            </div>
          )}
        </>
      )}
      <div className="sm:col-span-2 lg:col-span-4">
        <FormMessage message={message} />
      </div>
      <div className="flex gap-2 sm:col-span-2 lg:col-span-4">
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {editing ? "Save action item" : "Add action item"}
        </Button>
        {onCancel && (
          <Button type="button" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}

/** `postmortemId`: the review the item comes from (an incident's, a near miss or a positive retro). */
export function NewActionItem({ postmortemId, defaultKind = "mitigate", onCreated }: { postmortemId?: string; defaultKind?: ActionItemKind; onCreated: () => void }) {
  const [key, setKey] = useState(0);
  return (
    <ActionItemForm
      key={key}
      idPrefix={`new-ai-${key}`}
      editing={false}
      initial={{ title: "", owner: null, dueAt: inTwoWeeks(), priority: "P3", kind: defaultKind, trackerUrl: "", status: "open", reason: "" }}
      onSubmit={async (v) => {
        await fetchJson("/api/v1/action-items", {
          method: "POST",
          json: { title: v.title, owner: v.owner?.handle ?? "", dueAt: v.dueAt, priority: v.priority, kind: v.kind, trackerUrl: v.trackerUrl || null, ...(postmortemId ? { postmortem: postmortemId } : {}) },
        });
        setKey((k) => k + 1);
        onCreated();
      }}
    />
  );
}

async function patchItem(item: ActionItemDto, v: FormValues) {
  const body: Record<string, unknown> = { version: item.version };
  if (v.title !== item.title) body.title = v.title;
  if ((v.owner?.handle ?? "") !== (item.owner?.handle ?? "")) body.owner = v.owner?.handle ?? "";
  if (v.dueAt !== (item.dueAt?.slice(0, 10) ?? "")) body.dueAt = v.dueAt;
  if (v.priority !== item.priority) body.priority = v.priority;
  if (v.kind !== item.kind) body.kind = v.kind;
  if (v.trackerUrl !== (item.trackerUrl ?? "")) body.trackerUrl = v.trackerUrl || null;
  if (v.status !== item.status) {
    body.status = v.status;
    if (v.reason) body.reason = v.reason;
  } else if (v.status === "wont_do" && v.reason !== (item.statusReason ?? "")) body.reason = v.reason;
  return fetchJson<ActionItemDto>(`/api/v1/action-items/${item.id}`, { method: "PATCH", json: body });
}

/** The items as a table on wide screens and as cards on a phone; overdue ones stand out. */
export function ActionItemsTable({ items, canWrite, showIncident = false, onChanged }: { items: ActionItemDto[]; canWrite: boolean; showIncident?: boolean; onChanged: () => void }) {
  const [editing, setEditing] = useState<string | null>(null);
  if (items.length === 0) return <p className="text-sm text-slate-500">No action items.</p>;
  return (
    <ul data-testid="action-items" className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
      {items.map((item) => (
        <li
          key={item.id}
          data-testid="action-item"
          data-overdue={item.overdue || undefined}
          className={`p-3 text-sm ${item.overdue ? "border-l-4 border-l-red-600 bg-red-50/60 dark:bg-red-950/30" : ""}`}
        >
          {editing === item.id ? (
            <ActionItemForm
              idPrefix={`ai-${item.id}`}
              editing
              initial={{
                title: item.title,
                owner: item.owner,
                dueAt: item.dueAt?.slice(0, 10) ?? "",
                priority: item.priority,
                kind: item.kind,
                trackerUrl: item.trackerUrl ?? "",
                status: item.status,
                reason: item.statusReason ?? "",
              }}
              onCancel={() => setEditing(null)}
              onSubmit={async (v) => {
                try {
                  await patchItem(item, v);
                  setEditing(null);
                } finally {
                  onChanged();
                }
              }}
            />
          ) : (
            <div className="flex flex-wrap items-start gap-x-3 gap-y-1">
              <div className="min-w-0 flex-1 basis-64">
                <p className="font-medium break-words">
                  {item.trackerUrl ? (
                    <a href={item.trackerUrl} target="_blank" rel="noopener noreferrer nofollow" className="underline decoration-slate-400 hover:decoration-inherit">
                      {item.title}
                    </a>
                  ) : (
                    item.title
                  )}
                </p>
                {item.status === "wont_do" && item.statusReason && <p className="text-xs text-slate-500">Won&apos;t do: {item.statusReason}</p>}
                {showIncident && item.incident && (
                  <p className="mt-0.5 flex items-center gap-1 text-xs text-slate-500">
                    <SeverityBadge severity={item.incident.severity as Severity} />
                    <Link href={`/incidents/${item.incident.ref}/postmortem`} className="whitespace-nowrap font-mono hover:underline">
                      {item.incident.ref}
                    </Link>
                    <span className="truncate" title={item.incident.title}>{item.incident.title}</span>
                  </p>
                )}
                {showIncident && !item.incident && item.postmortem && (
                  <p className="mt-0.5 flex items-center gap-1 text-xs text-slate-500">
                    <span className="whitespace-nowrap rounded bg-slate-100 px-1.5 py-0.5 font-semibold dark:bg-slate-800">{POSTMORTEM_TYPE_LABELS[item.postmortem.type]}</span>
                    <Link href={`/postmortems/${item.postmortem.id}`} className="truncate hover:underline" title={item.postmortem.title}>
                      {item.postmortem.title}
                    </Link>
                  </p>
                )}
              </div>
              <dl className="grid grid-cols-3 gap-x-3 gap-y-1 text-xs sm:flex sm:items-center sm:gap-4">
                <div>
                  <dt className="text-slate-500 sm:sr-only">Owner</dt>
                  <dd>{item.owner ? `@${item.owner.handle}` : "—"}</dd>
                </div>
                <div>
                  <dt className="text-slate-500 sm:sr-only">Due</dt>
                  <dd className={`tabular-nums ${item.overdue ? "font-semibold text-red-700 dark:text-red-400" : ""}`}>
                    {item.dueAt ? item.dueAt.slice(0, 10) : "—"}
                    {item.overdue && " · overdue"}
                  </dd>
                </div>
                <div>
                  <dt className="text-slate-500 sm:sr-only">Priority · kind</dt>
                  <dd>
                    {item.priority} · {item.kind}
                  </dd>
                </div>
                <div>
                  <dt className="sr-only">Status</dt>
                  <dd>
                    <ActionStatusBadge status={item.status} />
                  </dd>
                </div>
              </dl>
              {canWrite && (
                <Button type="button" variant="ghost" className="min-h-8 px-2 text-xs print:hidden" onClick={() => setEditing(item.id)} aria-label={`Edit ${item.title}`}>
                  Edit
                </Button>
              )}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
