import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { SignOutButton, ThemeToggle } from "@/components/app-shell-controls";
import { DeclareButton } from "@/components/incident/declare-dialog";
import { PageAlerts, PagesNavLink } from "@/components/pages/page-alerts";
import { HandoverAlerts } from "@/components/incident/handover-alerts";
import { ShortcutsHelp } from "@/components/ui/shortcuts-help";
import { NavMenu } from "@/components/nav-menu";
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
          <NavMenu>
            <NavLinks canDeclare={canDeclare} />
          </NavMenu>
          <nav aria-label="Main" className="hidden flex-wrap items-center text-sm lg:flex lg:gap-1">
            <NavLinks canDeclare={canDeclare} />
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
        {canDeclare && <HandoverAlerts />}
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full outline-none max-w-6xl flex-1 px-3 py-4 print:max-w-none print:px-0">{children}</main>
    </div>
  );
}

const linkClass = "whitespace-nowrap rounded-md px-1.5 py-2 hover:bg-slate-200 sm:px-2 dark:hover:bg-slate-800";

/** Every section, once: in the phone's menu and in the desktop's row. */
function NavLinks({ canDeclare }: { canDeclare: boolean }) {
  return (
    <>
      {canDeclare && (
        <Link href="/dashboard" className={linkClass}>
          War room
        </Link>
      )}
      <Link href="/status" className={linkClass}>
        Status
      </Link>
      <Link href="/incidents" className={linkClass}>
        Incidents
      </Link>
      <Link href="/action-items" className={linkClass}>
        Action items
      </Link>
      <Link href="/postmortems" className={linkClass}>
        Reviews
      </Link>
      {canDeclare && <PagesNavLink className={linkClass} />}
      {canDeclare && (
        <Link href="/alerts" className={linkClass}>
          Alerts
        </Link>
      )}
      <Link href="/schedules" className={linkClass}>
        On-call
      </Link>
      <Link href="/services" className={linkClass}>
        Services
      </Link>
      <Link href="/settings/tokens" className={linkClass}>
        Settings
      </Link>
    </>
  );
}
