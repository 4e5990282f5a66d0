import type { Metadata } from "next";
import type { ReactNode } from "react";

// Share links are for people without an account: no session, no app navigation.
// Never indexed (also X-Robots-Tag in next.config.ts) and never framed.
export const metadata: Metadata = {
  title: "Shared incident summary",
  robots: { index: false, follow: false, nocache: true },
  referrer: "no-referrer",
};

export default function ShareLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b border-slate-200 bg-white print:border-none dark:border-slate-800 dark:bg-slate-950">
        <div className="mx-auto flex max-w-5xl items-baseline gap-2 px-3 py-2">
          <span className="text-lg font-black tracking-tight">Conn</span>
          <span className="text-sm text-slate-500">Shared incident summary</span>
        </div>
      </header>
      <main className="mx-auto w-full max-w-5xl flex-1 px-3 py-4">{children}</main>
    </div>
  );
}
