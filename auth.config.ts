// The light half of the next-auth setup (no database, no bcrypt): pages, session lifetime and the
// session shape. auth.ts adds the providers and the per-request user reload. The real checks are
// in lib/auth/guard.ts, wherever data is touched.
import type { NextAuthConfig } from "next-auth";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export const authConfig = {
  pages: { signIn: "/login", error: "/login" },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  // A self-hosted portal is usually behind a reverse proxy; APP_URL decides links we print.
  trustHost: true,
  providers: [],
  callbacks: {
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      if (token.role === "ADMIN" || token.role === "MEMBER") session.user.role = token.role;
      return session;
    },
  },
} satisfies NextAuthConfig;
