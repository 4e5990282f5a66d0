import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { safeCallbackPath } from "@/lib/domain/callback-url";
import { currentActor } from "@/lib/server/current-actor";
import { oidcEnabled, env } from "@/lib/server/env";
import { publicOrigin } from "@/lib/server/public-url";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  CredentialsSignin: "Wrong email or password.",
  SessionRequired: "Your session has ended. Sign in again.",
  AccessDenied: "This account has no access to Conn.",
  RateLimited: "Too many sign-in attempts. Wait a few minutes and try again.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string; callbackUrl?: string }> }) {
  if (await currentActor()) redirect("/");
  const { error, callbackUrl } = await searchParams;
  // Only a path on Conn's own origin is honoured (lib/domain/callback-url.ts); anything else lands on "/".
  const safeCallback = safeCallbackPath(callbackUrl, publicOrigin(await headers()));
  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center px-4 py-10">
      <h1 className="text-2xl font-bold tracking-tight">Conn</h1>
      <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">Incident command. Sign in to take the conn.</p>
      <SignInForm
        initialError={error ? (ERRORS[error] ?? "Sign-in failed. Try again.") : undefined}
        callbackUrl={safeCallback}
        oidc={oidcEnabled() ? { name: env().OIDC_NAME } : undefined}
      />
    </main>
  );
}
