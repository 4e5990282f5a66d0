import type { Metadata } from "next";
import { headers } from "next/headers";
import { StatusBoard } from "@/components/status/status-board";
import { requireActor } from "@/lib/server/current-actor";
import { publicOrigin } from "@/lib/server/public-url";
import { loadStatus } from "@/lib/server/status/data";

export const metadata: Metadata = { title: "Status" };

// The exec status view: readable by every role, the viewers' landing page.
export default async function StatusPage() {
  const actor = await requireActor();
  const [initial, h] = await Promise.all([loadStatus(actor), headers()]);
  return <StatusBoard initial={initial} feedUrl={`${publicOrigin(h)}/api/v1/status/feed.atom`} />;
}
