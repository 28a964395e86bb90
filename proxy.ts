// Next 16's proxy (formerly middleware): sends anonymous visitors of /admin to /login early.
// A convenience only; every admin page, action and handler re-checks with lib/auth/guard.ts.
import NextAuth from "next-auth";
import { authConfig } from "@/auth.config";
import { env } from "@/lib/env";

const { auth } = NextAuth(() => ({ ...authConfig, secret: env().authSecret }));

export const proxy = auth;

export const config = { matcher: ["/admin/:path*"] };
