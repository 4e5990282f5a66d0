import type { Metadata } from "next";
import { OrgSettingsForm } from "@/components/settings/org-settings-form";
import { PostmortemTemplateForm } from "@/components/settings/postmortem-template-form";
import { hasRole } from "@/lib/server/access";
import { requireActor } from "@/lib/server/current-actor";
import { loadOrgSettings } from "@/lib/server/org/settings";
import { loadPostmortemTemplate } from "@/lib/server/postmortems/data";

export const metadata: Metadata = { title: "Organization settings" };

export default async function OrganizationSettingsPage() {
  const actor = await requireActor();
  const [{ effective }, template] = await Promise.all([loadOrgSettings(actor), loadPostmortemTemplate(actor)]);
  const isAdmin = hasRole(actor, "admin");
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-xl font-bold">Organization settings</h1>
      <OrgSettingsForm initial={effective} canEdit={isAdmin} />
      <section aria-labelledby="pm-template" className="space-y-2 border-t border-slate-200 pt-4 dark:border-slate-800">
        <h2 id="pm-template" className="text-lg font-semibold">
          Postmortem template
        </h2>
        <PostmortemTemplateForm initial={template} canEdit={isAdmin} />
      </section>
    </div>
  );
}
