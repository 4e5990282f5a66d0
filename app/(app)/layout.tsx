import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { SignOutButton, ThemeToggle } from "@/components/app-shell-controls";
import { DeclareButton } from "@/components/incident/declare-dialog";
import { PageAlerts, PagesNavLink } from "@/components/pages/page-alerts";
import { ShortcutsHelp } from "@/components/ui/shortcuts-help";
import { hasRole } from "@/lib/server/access";
import { currentActor } from "@/lib/server/current-actor";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  if (!actor) redirect("/signin");
  const canDeclare = hasRole(actor, "responder");
  return (
    <div className="flex min-h-dvh flex-col">
      {/* For keyboards and screen readers: past the header and its navigation, straight to the page. */}
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:left-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-sky-700 focus:px-3 focus:py-2 focus:text-white"
      >
        Skip to content
      </a>
      <ShortcutsHelp />
      <header className="sticky top-0 z-20 border-b border-slate-200 print:hidden bg-white/95 backdrop-blur dark:border-slate-800 dark:bg-slate-950/95">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-2 gap-y-1 px-3 py-2">
          <Link href="/" className="mr-1 text-lg font-black tracking-tight sm:mr-2">
            Conn
          </Link>
          <nav aria-label="Main" className="order-last -mx-1.5 flex w-full items-center overflow-x-auto text-sm sm:order-none sm:mx-0 sm:w-auto sm:gap-1">
            {canDeclare && (
              <Link href="/dashboard" className="whitespace-nowrap rounded-md px-1.5 py-2 hover:bg-slate-200 sm:px-2 dark:hover:bg-slate-800">
                War room
              </Link>
            )}
            {/* Responders land in the war room: on a phone their bar keeps room for it and Declare. */}
            <Link href="/status" className={`${canDeclare ? "hidden sm:inline" : ""} whitespace-nowrap rounded-md px-1.5 py-2 hover:bg-slate-200 sm:px-2 dark:hover:bg-slate-800`}>
              Status
            </Link>
            <Link href="/incidents" className="whitespace-nowrap rounded-md px-1.5 py-2 hover:bg-slate-200 sm:px-2 dark:hover:bg-slate-800">
              Incidents
            </Link>
            <Link href="/action-items" className="whitespace-nowrap rounded-md px-1.5 py-2 hover:bg-slate-200 sm:px-2 dark:hover:bg-slate-800">
              Action items
            </Link>
            <Link href="/postmortems" className="whitespace-nowrap rounded-md px-1.5 py-2 hover:bg-slate-200 sm:px-2 dark:hover:bg-slate-800">
              Reviews
            </Link>
            {canDeclare && <PagesNavLink className="whitespace-nowrap rounded-md px-1.5 py-2 hover:bg-slate-200 sm:px-2 dark:hover:bg-slate-800" />}
            <Link href="/schedules" className="whitespace-nowrap rounded-md px-1.5 py-2 hover:bg-slate-200 sm:px-2 dark:hover:bg-slate-800">
              On-call
            </Link>
            <Link href="/services" className="whitespace-nowrap rounded-md px-1.5 py-2 hover:bg-slate-200 sm:px-2 dark:hover:bg-slate-800">
              Services
            </Link>
            <Link href="/settings/tokens" className="hidden rounded-md px-2 py-2 hover:bg-slate-200 sm:inline dark:hover:bg-slate-800">
              Settings
            </Link>
          </nav>
          <div className="ml-auto flex items-center gap-1">
            {canDeclare && <DeclareButton />}
            <ThemeToggle />
            <span className="hidden text-sm text-slate-500 md:inline" title={`${actor.name} · ${actor.role}`}>
              @{actor.handle}
            </span>
            <SignOutButton />
          </div>
        </div>
        {/* Inside the sticky header: a page waiting for me stays in sight on every screen, however far I scroll. */}
        {canDeclare && <PageAlerts />}
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full outline-none max-w-6xl flex-1 px-3 py-4 print:max-w-none print:px-0">{children}</main>
    </div>
  );
}
