import type { Metadata } from "next";
import { TokenManager } from "@/components/settings/token-manager";

export const metadata: Metadata = { title: "API tokens" };

export default function TokensPage() {
  return (
    <div className="max-w-2xl space-y-4">
      <h1 className="text-xl font-bold">API tokens</h1>
      <p className="text-sm">
        <a className="underline" href="/settings/organization">
          Organization settings
        </a>
        : update cadence, nudges and escalation thresholds. <a className="underline" href="/settings/notifications">Notifications</a>: where pages are delivered.
      </p>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Tokens act as you, with your role, through the API (<code>Authorization: Bearer &lt;token&gt;</code>). Mark a token as
        <strong> automation</strong> when a bot, an AI agent or a script uses it: everything it does is labelled as automation, so nobody
        mistakes a bot&apos;s words for a person&apos;s. The API is described at <a className="underline" href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
      </p>
      <TokenManager />
    </div>
  );
}
