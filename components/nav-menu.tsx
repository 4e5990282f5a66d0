"use client";
// The navigation on a phone: one "Menu" button that opens every section as a
// list (a row of links cut sections off mid-word at 375 px). Closes when a
// section is chosen: the layout stays mounted across client-side navigations.
import { usePathname } from "next/navigation";
import { useEffect, useRef, type ReactNode } from "react";

export function NavMenu({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);
  return (
    <details ref={ref} className="relative lg:hidden">
      <summary className="flex min-h-11 cursor-pointer list-none items-center rounded-md border border-slate-300 px-3 text-sm font-medium dark:border-slate-700 [&::-webkit-details-marker]:hidden">
        Menu
      </summary>
      <nav
        aria-label="Main"
        className="absolute left-0 top-full z-40 mt-1 flex w-60 flex-col rounded-md border border-slate-200 bg-white p-1 text-base shadow-lg dark:border-slate-700 dark:bg-slate-900 [&>a]:flex [&>a]:min-h-11 [&>a]:items-center [&>a]:px-3"
      >
        {children}
      </nav>
    </details>
  );
}
