import type { Metadata } from "next";
import { ChannelManager } from "@/components/settings/channel-manager";
import { hasRole } from "@/lib/server/access";
import { requireActor } from "@/lib/server/current-actor";

export const metadata: Metadata = { title: "Notifications" };

// Where pages are delivered: always in the app (live, optional sound); here admins add Slack-compatible webhooks.
export default async function NotificationSettingsPage() {
  const actor = await requireActor();
  return (
    <div className="max-w-2xl space-y-4">
      <h1 className="text-xl font-bold">Notifications</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        A page always reaches its person in Conn: a red bar on every screen (with sound, if they turn it on) and the{" "}
        <a className="underline" href="/pages">
          Pages
        </a>{" "}
        list. Webhook channels also receive every page as Slack-compatible JSON (<code>text</code> and <code>blocks</code>, plus a{" "}
        <code>conn</code> object); a failed delivery is retried. A private incident&apos;s pages are never sent to a channel: its people get them in Conn.
      </p>
      {hasRole(actor, "admin") ? <ChannelManager /> : <p className="text-sm">Only an admin manages webhook channels.</p>}
    </div>
  );
}
