import "server-only";
// next-auth: email + password (scrypt) for everyone, and an optional OIDC
// provider when OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set.
// Sessions are JWTs in an HttpOnly, SameSite=Lax cookie; the user and their
// role are loaded from the database on every request (lib/server/actor.ts).
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { safeCallbackPath } from "@/lib/domain/callback-url";
import { credentialsSchema } from "@/lib/domain/schemas";
import { db } from "./db";
import { env, oidcEnabled } from "./env";
import { verifyPassword } from "./password";

const OIDC_ID = "oidc";

/** A handle from an email's local part: lowercase letters, digits, dots, dashes. */
function handleFromEmail(email: string) {
  return email.split("@")[0]!.toLowerCase().replace(/[^a-z0-9.-]/g, "").slice(0, 30) || "user";
}

/** The Conn user for an OIDC sign-in: matched by email; a newcomer joins the first organization as a viewer. */
async function userForOidc(email: string, name: string | null | undefined) {
  const normalized = email.toLowerCase();
  const existing = await db().user.findUnique({ where: { email: normalized } });
  if (existing) return existing;
  const org = await db().organization.findFirst({ orderBy: { createdAt: "asc" } });
  if (!org) return null;
  let handle = handleFromEmail(normalized);
  if (await db().user.findUnique({ where: { handle } })) handle = `${handle}-${Math.random().toString(36).slice(2, 6)}`;
  return db().user.create({
    data: { email: normalized, handle, name: name || handle, memberships: { create: { orgId: org.id, role: "viewer" } } },
  });
}

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const e = env();
  const maxAge = Math.round(e.CONN_SESSION_HOURS * 3600);
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const user = await db().user.findUnique({ where: { email: parsed.data.email } });
        const ok = await verifyPassword(parsed.data.password, user?.passwordHash);
        if (!user || !ok || user.deactivatedAt) return null;
        return { id: user.id, name: user.name, email: user.email };
      },
    }),
  ];
  if (oidcEnabled()) {
    providers.push({
      id: OIDC_ID,
      name: e.OIDC_NAME,
      type: "oauth",
      wellKnown: `${e.OIDC_ISSUER!.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      idToken: true,
      checks: ["pkce", "state"],
      authorization: { params: { scope: "openid email profile" } },
      profile(profile: { sub: string; email?: string; name?: string; preferred_username?: string }) {
        return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? profile.preferred_username ?? null };
      },
    });
  }
  cached = {
    secret: process.env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge },
    jwt: { maxAge },
    providers,
    pages: { signIn: "/signin", error: "/signin" },
    callbacks: {
      // Every redirect next-auth makes (after a sign-in, a sign-out, an OIDC round trip)
      // obeys the same rule as the sign-in page: a path on Conn's own origin, else "/".
      async redirect({ url, baseUrl }) {
        return new URL(safeCallbackPath(url, new URL(baseUrl).origin), baseUrl).toString();
      },
      async signIn({ user, account }) {
        if (account?.provider !== OIDC_ID) return true;
        return Boolean(user.email && (await userForOidc(user.email, user.name)));
      },
      async jwt({ token, user, account }) {
        if (user && account?.provider === OIDC_ID && user.email) {
          const local = await db().user.findUnique({ where: { email: user.email.toLowerCase() } });
          if (local) token.sub = local.id;
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
  };
  return cached;
}
