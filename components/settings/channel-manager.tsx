"use client";
// Webhook channels for pages: add (the URL is a secret: shown masked once
// saved), send a test, pause, remove.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { ApiRequestError, fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";

interface Channel {
  id: string;
  name: string;
  url: string;
  enabled: boolean;
  createdAt: string;
}

export function ChannelManager() {
  const client = useQueryClient();
  const channels = useQuery({ queryKey: queryKeys.channels(), queryFn: ({ signal }) => fetchJson<{ items: Channel[] }>("/api/v1/notification-channels", { signal }) });
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.channels() });
  const [name, setName] = useState("");
  const [url, setUrl] = useState("");
  const create = useMutation({
    mutationFn: () => fetchJson<Channel>("/api/v1/notification-channels", { method: "POST", json: { name, url } }),
    onSuccess: () => {
      setName("");
      setUrl("");
      void refresh();
    },
  });
  const fields = create.error instanceof ApiRequestError ? create.error.fields : {};
  return (
    <div className="space-y-4">
      <ul className="space-y-2" aria-label="Webhook channels">
        {channels.data?.items.length === 0 && <li className="text-sm text-slate-500">No webhook channels: pages are delivered in the app only.</li>}
        {channels.data?.items.map((c) => <ChannelRow key={c.id} channel={c} onChange={refresh} />)}
      </ul>
      <form
        className="space-y-3 rounded-lg border border-slate-200 p-3 dark:border-slate-800"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <h2 className="font-semibold">Add a webhook</h2>
        <Field label="Name" htmlFor="channel-name" error={fields.name}>
          <Input id="channel-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Slack #oncall" required maxLength={80} />
        </Field>
        <Field label="Webhook URL" htmlFor="channel-url" hint="A Slack incoming webhook or any endpoint taking JSON. Kept secret." error={fields.url}>
          <Input id="channel-url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://hooks.slack.com/services/…" required autoComplete="off" />
        </Field>
        {create.isError && !Object.keys(fields).length && <p className="text-sm text-red-600 dark:text-red-400">{create.error.message}</p>}
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Adding…" : "Add webhook"}
        </Button>
      </form>
    </div>
  );
}

function ChannelRow({ channel, onChange }: { channel: Channel; onChange: () => void }) {
  const path = `/api/v1/notification-channels/${encodeURIComponent(channel.id)}`;
  const toggle = useMutation({ mutationFn: () => fetchJson(path, { method: "PATCH", json: { enabled: !channel.enabled } }), onSuccess: onChange });
  const remove = useMutation({ mutationFn: () => fetchJson(path, { method: "DELETE" }), onSuccess: onChange });
  const test = useMutation({ mutationFn: () => fetchJson<{ ok: boolean; status: number | null; error?: string }>(`${path}/test`, { method: "POST" }) });
  return (
    <li className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm dark:border-slate-800 dark:bg-slate-900" data-channel={channel.name}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-semibold">{channel.name}</span>
        <code className="text-xs text-slate-500">{channel.url}</code>
        {!channel.enabled && <span className="rounded bg-slate-200 px-1.5 text-xs dark:bg-slate-800">paused</span>}
      </div>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" disabled={test.isPending} onClick={() => test.mutate()}>
          {test.isPending ? "Sending…" : "Send a test"}
        </Button>
        <Button variant="secondary" disabled={toggle.isPending} onClick={() => toggle.mutate()}>
          {channel.enabled ? "Pause" : "Resume"}
        </Button>
        <Button
          variant="ghost"
          disabled={remove.isPending}
          onClick={() => {
            if (confirm(`Remove ${channel.name}? Pages will no longer be sent there.`)) remove.mutate();
          }}
        >
          Remove
        </Button>
      </div>
      {(toggle.isError || remove.isError) && <p role="alert" className="text-red-600 dark:text-red-400">{(toggle.error ?? remove.error)?.message}</p>}
      {test.data && (
        <p role="status" className={test.data.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-600 dark:text-red-400"}>
          {test.data.ok ? `Delivered (HTTP ${test.data.status}).` : `Not delivered: ${test.data.error ?? `HTTP ${test.data.status}`}.`}
        </p>
      )}
    </li>
  );
}
