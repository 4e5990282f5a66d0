"use client";
// The live incident on the client: a snapshot at `lastSeq` in the React Query
// cache, moved forward by timeline entries as they arrive over socket.io (or in
// a write's own response). An entry is applied only when it is the next seq;
// one ahead of that means entries were missed, so the client fetches
// `timeline?after=<lastSeq>` and applies them in order. After a reconnect the
// join answer carries the server's lastSeq, and the same catch-up runs: nothing
// is missed and nothing is shown twice.
import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { applyEntries, mergeTimeline, type IncidentView } from "@/lib/domain/incident-view";
import { type PersonRef } from "@/lib/domain/people";
import type { TimelineEntry } from "@/lib/domain/timeline";
import { listen, socket, trackConnection, type Connection } from "@/lib/realtime/client";
import { entryAddedEventSchema } from "@/lib/realtime/events";
import { ApiRequestError, fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";

export interface LiveIncident {
  view: IncidentView;
  /** The loaded window of the timeline, newest first. */
  entries: TimelineEntry[];
  /** Seq to page back from (`timeline?before=`), or null when the oldest entry is loaded. */
  olderCursor: number | null;
}

interface TimelinePage {
  items: TimelineEntry[];
  lastSeq: number;
  nextCursor: string | null;
}

const incidentPath = (ref: string) => `/api/v1/incidents/${encodeURIComponent(ref)}`;

/** Applies entries to the cached incident; says whether a gap was found. */
function applyToCache(client: QueryClient, ref: string, entries: TimelineEntry[]): boolean {
  let gap = false;
  client.setQueryData<LiveIncident>(queryKeys.incident(ref), (prev) => {
    if (!prev) return prev;
    const result = applyEntries(prev.view, entries);
    gap = result.gap;
    if (result.applied.length === 0) return prev;
    return { ...prev, view: result.view, entries: mergeTimeline(prev.entries, result.applied) };
  });
  return gap;
}

async function fetchLive(ref: string): Promise<LiveIncident> {
  const view = await fetchJson<IncidentView>(incidentPath(ref));
  const page = await fetchJson<TimelinePage>(`${incidentPath(ref)}/timeline?before=${view.lastSeq + 1}&limit=100`);
  const items = page.items.filter((e) => e.seq <= view.lastSeq);
  return { view, entries: [...items].reverse(), olderCursor: page.nextCursor ? Number(page.nextCursor) : null };
}

export function useLiveIncident(ref: string, initial: LiveIncident) {
  const client = useQueryClient();
  const key = useMemo(() => queryKeys.incident(ref), [ref]);
  const query = useQuery({ queryKey: key, queryFn: () => fetchLive(ref), initialData: initial, staleTime: Infinity });
  const [connection, setConnection] = useState<Connection>("connecting");
  const [viewers, setViewers] = useState<PersonRef[]>([]);
  const [gone, setGone] = useState(false);
  const catchingUp = useRef<Promise<void> | null>(null);
  const again = useRef(false);

  /** Fetches and applies every entry after the cached lastSeq; coalesces concurrent calls. */
  const catchUp = useCallback((): Promise<void> => {
    if (catchingUp.current) {
      again.current = true;
      return catchingUp.current;
    }
    const run = async () => {
      do {
        again.current = false;
        for (;;) {
          const current = client.getQueryData<LiveIncident>(key);
          if (!current) return;
          const page = await fetchJson<TimelinePage>(`${incidentPath(ref)}/timeline?after=${current.view.lastSeq}&limit=500`);
          applyToCache(client, ref, page.items);
          if (!page.nextCursor) break;
        }
      } while (again.current);
    };
    catchingUp.current = run()
      .catch((error: unknown) => {
        if (error instanceof ApiRequestError && error.status === 404) setGone(true);
      })
      .finally(() => {
        catchingUp.current = null;
      });
    return catchingUp.current;
  }, [client, ref, key]);

  /** Applies entries (from a socket event or a write's response); catches up on a gap. */
  const receive = useCallback(
    (entries: TimelineEntry[]) => {
      if (applyToCache(client, ref, entries)) void catchUp();
    },
    [client, ref, catchUp],
  );

  useEffect(() => {
    const s = socket();
    const join = () => {
      s.emit("incident:join", { ref }, (ack: { ok: true; lastSeq: number; viewers: PersonRef[] } | { ok: false; error: { code: string } }) => {
        if (!ack.ok) {
          if (ack.error.code === "not_found") setGone(true);
          return;
        }
        setConnection("live");
        setViewers(ack.viewers);
        const current = client.getQueryData<LiveIncident>(key);
        if (current && ack.lastSeq > current.view.lastSeq) void catchUp();
      });
    };
    const onEntry = (payload: unknown) => {
      const parsed = entryAddedEventSchema.safeParse(payload);
      if (parsed.success && parsed.data.ref.toUpperCase() === ref.toUpperCase()) receive([parsed.data.entry as TimelineEntry]);
    };
    const onPresence = (payload: { ref?: string; viewers?: PersonRef[] }) => {
      if (payload?.ref?.toUpperCase() === ref.toUpperCase() && Array.isArray(payload.viewers)) setViewers(payload.viewers);
    };
    // Taken out of the room: this person may no longer see the incident.
    const onAccessLost = (payload: { ref?: string }) => {
      if (payload?.ref?.toUpperCase() === ref.toUpperCase()) setGone(true);
    };
    const stopListening = listen(s, {
      "incident.timeline.entry_added": onEntry,
      "incident.presence.changed": onPresence,
      "incident.access.lost": onAccessLost,
    });
    const untrack = trackConnection(s, setConnection, join);
    return () => {
      s.emit("incident:leave", { ref });
      untrack();
      stopListening();
    };
  }, [ref, client, key, receive, catchUp]);

  const loadOlder = useCallback(async () => {
    const current = client.getQueryData<LiveIncident>(key);
    if (!current || current.olderCursor === null) return;
    const page = await fetchJson<TimelinePage>(`${incidentPath(ref)}/timeline?before=${current.olderCursor}&limit=100`);
    client.setQueryData<LiveIncident>(key, (prev) =>
      prev && { ...prev, entries: mergeTimeline(prev.entries, page.items), olderCursor: page.nextCursor ? Number(page.nextCursor) : null },
    );
  }, [client, ref, key]);

  /** Reloads the snapshot (after a 409: someone else changed it first). */
  const reload = useCallback(() => client.invalidateQueries({ queryKey: key }), [client, key]);

  return { live: query.data, connection, viewers, gone, receive, loadOlder, reload };
}

export type LiveIncidentApi = ReturnType<typeof useLiveIncident>;

/** The entry a write's response carries: the response itself (a note) or its `entry`. */
export function entryOf(response: unknown): TimelineEntry | null {
  if (!response || typeof response !== "object") return null;
  const r = response as Record<string, unknown>;
  if (typeof r.seq === "number" && typeof r.kind === "string" && typeof r.at === "string") return r as unknown as TimelineEntry;
  if (r.entry && typeof r.entry === "object") return r.entry as TimelineEntry;
  return null;
}

/**
 * A write to the incident: sends it, and applies the entry from the response at
 * once (the socket delivers the same entry too; it is applied once).
 */
export function useIncidentWrite(ref: string, receive: (entries: TimelineEntry[]) => void) {
  return useCallback(
    async <T = unknown>(method: "POST" | "PATCH" | "PUT" | "DELETE", path: string, body?: unknown, opts: { idempotencyKey?: string } = {}): Promise<T> => {
      const response = await fetchJson<T>(`${incidentPath(ref)}${path}`, {
        method,
        json: body,
        headers: opts.idempotencyKey ? { "Idempotency-Key": opts.idempotencyKey } : undefined,
      });
      const entry = entryOf(response);
      if (entry) receive([entry]);
      return response;
    },
    [ref, receive],
  );
}

export type IncidentWrite = ReturnType<typeof useIncidentWrite>;
