import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { ThemeKeeper } from "@/components/theme";
import { QueryProvider } from "@/lib/query/provider";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Conn", template: "%s · Conn" },
  description: "Incident command: one live page per incident, one person with the conn.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f8fafc" },
    { media: "(prefers-color-scheme: dark)", color: "#020617" },
  ],
};

// Applies the saved theme (or the system's) before first paint: no flash at 3 AM.
const themeScript = `try{var t=localStorage.getItem("conn-theme");var d=t==="dark"||(t!=="light"&&matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d)}catch(e){}`;

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-dvh">
        <ThemeKeeper />
        <QueryProvider>{children}</QueryProvider>
      </body>
    </html>
  );
}
