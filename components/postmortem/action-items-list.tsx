"use client";
// The action items page's list: the server renders it for the filters in the URL; an edit refreshes it.
import { useRouter } from "next/navigation";
import type { ActionItemDto } from "@/lib/domain/postmortem/action-items";
import { ActionItemsTable } from "./action-items";

export function ActionItemsList({ items, canWrite }: { items: ActionItemDto[]; canWrite: boolean }) {
  const router = useRouter();
  return <ActionItemsTable items={items} canWrite={canWrite} showIncident onChanged={() => router.refresh()} />;
}
