// next-auth v5: email + password (Credentials) and, when AUTH_OIDC_* are set, OpenID Connect for
// teams with an identity provider. JWT sessions for 8 hours; the user is re-read on every auth()
// so a disabled account or a changed role counts at once.
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authConfig } from "@/auth.config";
import { loadActor } from "@/lib/auth/actor";
import { authenticate } from "@/lib/auth/login";
import { oidcAccount } from "@/lib/auth/oidc";
import { credentialsSchema } from "@/lib/auth/schema";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";
import { log } from "@/lib/log";

class TooManyAttempts extends CredentialsSignin {
  code = "too_many_attempts";
}

export const OIDC_PROVIDER_ID = "oidc";

function oidcProvider(): NextAuthConfig["providers"] {
  const e = env();
  if (!e.AUTH_OIDC_ISSUER || !e.AUTH_OIDC_CLIENT_ID) return [];
  return [
    {
      id: OIDC_PROVIDER_ID,
      name: "Single sign-on",
      type: "oidc",
      issuer: e.AUTH_OIDC_ISSUER,
      clientId: e.AUTH_OIDC_CLIENT_ID,
      clientSecret: e.AUTH_OIDC_CLIENT_SECRET,
    },
  ];
}

export const oidcEnabled = () => oidcProvider().length > 0;

export const { auth, signIn, signOut, handlers } = NextAuth(() => ({
  ...authConfig,
  secret: env().authSecret,
  // next-auth's own logger prints stack traces (even for a wrong password); ours writes one JSON
  // line naming what happened, never a stack, a credential or a token.
  logger: {
    error(error: Error) {
      const name = (error as { type?: string }).type ?? error.name;
      if (name === "CredentialsSignin" || name === "TooManyAttempts") log.info("auth: sign-in refused", { kind: name });
      else log.error("auth: error", { kind: name });
    },
    warn(code: string) {
      log.warn("auth: warning", { code });
    },
    debug() {},
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const result = await authenticate({ ...parsed.data, ip: clientIp(request.headers) });
        if (result.ok) return { id: result.user.id, email: result.user.email, name: result.user.name };
        log.info("sign-in refused", { reason: result.reason });
        if (result.reason === "invalid") return null;
        throw new TooManyAttempts();
      },
    }),
    ...oidcProvider(),
  ],
  callbacks: {
    ...authConfig.callbacks,
    async signIn({ account, profile }) {
      if (account?.provider !== OIDC_PROVIDER_ID) return true;
      const match = await oidcAccount(profile);
      if (!match.ok) {
        log.info("oidc sign-in refused", { reason: match.reason });
        return false;
      }
      return true;
    },
    async jwt({ token, user, account }) {
      if (account?.provider === OIDC_PROVIDER_ID && token.email) {
        const found = await db().user.findUnique({ where: { email: token.email.toLowerCase() } });
        token.sub = found?.id;
      } else if (user?.id) token.sub = user.id;
      const actor = await loadActor(token.sub);
      if (!actor) return null; // removed or disabled: the session ends now
      token.role = actor.role;
      token.email = actor.email;
      token.name = actor.name;
      return token;
    },
  },
}));
