// Next 16's proxy (formerly middleware): sends visitors without a valid session cookie away from
// /admin early. It only decodes the JWT; it never writes cookies (next-auth's own proxy wrapper
// re-issues the session cookie on every request, and a prefetch finishing after "Sign out" would
// then sign the user back in). A convenience only: every admin page, action and handler re-checks
// with lib/auth/guard.ts against the database.
import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { env } from "@/lib/env";

async function hasSession(req: NextRequest): Promise<boolean> {
  const secret = env().authSecret;
  for (const secureCookie of [true, false]) {
    const token = await getToken({ req, secret, secureCookie }).catch(() => null);
    if (token?.sub) return true;
  }
  return false;
}

export async function proxy(req: NextRequest) {
  if (await hasSession(req)) return NextResponse.next();
  const login = new URL("/login", req.nextUrl.origin);
  login.searchParams.set("callbackUrl", req.nextUrl.pathname + req.nextUrl.search);
  return NextResponse.redirect(login);
}

export const config = { matcher: ["/admin/:path*"] };
