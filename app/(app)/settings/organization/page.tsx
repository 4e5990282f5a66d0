import type { Metadata } from "next";
import { OrgSettingsForm } from "@/components/settings/org-settings-form";
import { hasRole } from "@/lib/server/access";
import { requireActor } from "@/lib/server/current-actor";
import { loadOrgSettings } from "@/lib/server/org-settings";

export const metadata: Metadata = { title: "Organization settings" };

export default async function OrganizationSettingsPage() {
  const actor = await requireActor();
  const { effective } = await loadOrgSettings(actor);
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-xl font-bold">Organization settings</h1>
      <OrgSettingsForm initial={effective} canEdit={hasRole(actor, "admin")} />
    </div>
  );
}
