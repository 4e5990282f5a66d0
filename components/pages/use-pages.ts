"use client";
// The pages sent to me, kept live: `page.changed` arrives in my own room (and
// every reconnect refetches), so a page shows within a second of being sent
// and disappears everywhere once answered. Acknowledging is one POST.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useLiveRefresh } from "@/lib/client/org-live";
import type { PageDto } from "@/lib/domain/pages";
import { fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";

export function useMyOpenPages() {
  const client = useQueryClient();
  const connection = useLiveRefresh("page.changed", () => void client.invalidateQueries({ queryKey: queryKeys.pages() }));
  const query = useQuery({
    queryKey: queryKeys.pages({ user: "me", open: "true" }),
    queryFn: ({ signal }) => fetchJson<{ items: PageDto[] }>("/api/v1/pages?user=me&open=true", { signal }),
    // The socket is the fast path; this catches anything it could not deliver.
    refetchInterval: 60_000,
  });
  return { pages: query.data?.items ?? [], connection, isLoading: query.isLoading };
}

/**
 * Acknowledging is joining: once the server has recorded it (and made the person a responder), the incident's page
 * opens, wherever the page was answered from (the banner, /pages, a notification's link).
 */
export function useAcknowledgePage() {
  const client = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  return useMutation({
    mutationFn: (id: string) => fetchJson<PageDto & { acknowledgedNow: boolean }>(`/api/v1/pages/${encodeURIComponent(id)}/acknowledge`, { method: "POST" }),
    onSuccess: (page) => {
      const target = page.incident ? `/incidents/${page.incident.ref}` : null;
      if (target && pathname !== target) router.push(target);
    },
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.pages() }),
  });
}
