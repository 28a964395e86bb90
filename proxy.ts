// Next 16's proxy (formerly middleware), in front of every page:
// - intake links: the right status for closed links and a real 429 when one address starts too
//   many uploads (lib/security/gate.ts);
// - /admin: visitors without a valid session cookie go to /login early. It only decodes the JWT
//   and never writes cookies (next-auth's own proxy wrapper re-issues the session cookie on every
//   request, and a prefetch finishing after "Sign out" would then sign the user back in). A
//   convenience only: every admin page, action and handler re-checks with lib/auth/guard.ts;
// - every page: a per-request nonce and the Content-Security-Policy naming TwentyThree's origins.
import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { env } from "@/lib/env";
import { intakeGate, linkLanguageFor, withCsp } from "@/lib/security/gate";

async function hasSession(req: NextRequest): Promise<boolean> {
  const secret = env().authSecret;
  for (const secureCookie of [true, false]) {
    const token = await getToken({ req, secret, secureCookie }).catch(() => null);
    if (token?.sub) return true;
  }
  return false;
}

export async function proxy(req: NextRequest) {
  const early = await intakeGate(req);
  if (early) return early;
  if (req.nextUrl.pathname.startsWith("/admin") && !(await hasSession(req))) {
    const login = new URL("/login", req.nextUrl.origin);
    login.searchParams.set("callbackUrl", req.nextUrl.pathname + req.nextUrl.search);
    return NextResponse.redirect(login);
  }
  // A server action called by JavaScript (Next-Action header; the mint on every press of Upload)
  // answers data to a fetch, not a page: no document takes its CSP, nothing frames it, and the
  // action words its answers in the link's language itself (lib/intake/words.ts). Looking up the
  // link's language and embed origins for it was two database round trips per mint (issue #20).
  const action = req.method === "POST" && req.headers.has("next-action");
  return withCsp(req, env().NODE_ENV === "development", action ? null : await linkLanguageFor(req.nextUrl.pathname), { document: !action });
}

export const config = {
  // Pages only: not API routes (they answer JSON or plain text), static files or images.
  matcher: [{ source: "/((?!api|_next/static|_next/image|favicon.ico).*)" }],
};
