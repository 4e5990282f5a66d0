import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AlertInbox } from "@/components/alerts/alert-inbox";
import { hasRole } from "@/lib/server/access";
import { inboxOptions } from "@/lib/server/alerts/inbox";
import { requireActor } from "@/lib/server/current-actor";

export const metadata: Metadata = { title: "Alerts" };

// The alert inbox (responders): every alert they may see, live, filtered and grouped by incident.
export default async function AlertsPage() {
  const actor = await requireActor();
  if (!hasRole(actor, "responder")) notFound();
  const { services, openIncidents } = await inboxOptions(actor);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-bold">Alerts</h1>
        <p className="text-sm text-slate-500">What monitoring sent, newest first. Pick alerts on no incident to declare one or attach them; open one for its labels, links and body.</p>
      </div>
      <AlertInbox services={services} openIncidents={openIncidents} />
    </div>
  );
}
