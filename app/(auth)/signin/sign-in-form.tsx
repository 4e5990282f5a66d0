"use client";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";

export function SignInForm({ initialError, callbackUrl, oidc }: { initialError?: string; callbackUrl: string; oidc?: { name: string } }) {
  const [error, setError] = useState(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const res = await signIn("credentials", { email: String(form.get("email")), password: String(form.get("password")), redirect: false, callbackUrl });
    setPending(false);
    if (res?.status === 429) return setError("Too many sign-in attempts. Wait a few minutes and try again.");
    if (!res?.ok || res.error) return setError("Wrong email or password.");
    window.location.assign(callbackUrl);
  }

  return (
    <div className="space-y-4">
      {/* Without JavaScript (or clicked before the page is interactive) the form posts itself to
          /api/signin: the password goes in a POST body, never in a URL. */}
      <form method="post" action="/api/signin" onSubmit={onSubmit} className="space-y-4" noValidate>
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <Field label="Email" htmlFor="email">
          <Input id="email" name="email" type="email" autoComplete="username" required autoFocus />
        </Field>
        <Field label="Password" htmlFor="password">
          <Input id="password" name="password" type="password" autoComplete="current-password" required />
        </Field>
        {error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm font-medium text-red-700 dark:bg-red-950 dark:text-red-300">
            {error}
          </p>
        )}
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {oidc && (
        <Button type="button" variant="secondary" className="w-full" onClick={() => signIn("oidc", { callbackUrl })}>
          Continue with {oidc.name}
        </Button>
      )}
    </div>
  );
}
