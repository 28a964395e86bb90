// Answers the proxy gives before a page renders: the right status for closed intake links (App
// Router pages cannot set 410), and a real 429 page when one address starts too many uploads.
import { NextResponse, type NextRequest } from "next/server";
import { clientIp } from "@/lib/http/client-ip";
import { htmlPage } from "@/lib/http/html-page";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n/locales";
import { negotiateLocale } from "@/lib/i18n/negotiate";
import { createTranslator } from "next-intl";
import { loadMessages } from "@/lib/i18n/messages";
import { loadedLook, lookupLink } from "@/lib/intake/links";
import { consume, intakePostLimit } from "@/lib/limits";
import { log } from "@/lib/log";
import { closedPage } from "./closed-page";
import { buildCsp, connectionOrigins } from "./csp";
import { frameAncestorsFor } from "./frame-ancestors";

const INTAKE = /^\/u\/([^/]+)\/?$/;
const PUBLIC_LINK = /^\/u\/([^/]+)(?:\/|$)/;
/** next-intl's request-locale header (its HEADER_LOCALE_NAME): the link's own language, see i18n/request.ts. */
export const LINK_LOCALE_HEADER = "X-NEXT-INTL-LOCALE";

/** Issue #18: the language a link's pages are fixed to (null: the visitor's browser decides). */
export async function linkLanguageFor(pathname: string): Promise<string | null> {
  const m = PUBLIC_LINK.exec(pathname);
  if (!m) return null;
  try {
    const r = await lookupLink(decodeURIComponent(m[1]!));
    return r.kind === "unknown" ? null : (r.link.language ?? null);
  } catch {
    return null; // the page decides without it
  }
}

/** The gate's own answers in the visitor's language, decided as on the pages (lib/i18n/server.ts). */
async function gateWords(req: NextRequest, linkLanguage: string | null) {
  const chosen = req.cookies.get(LOCALE_COOKIE)?.value;
  const locale = isLocale(chosen) ? chosen : isLocale(linkLanguage) ? linkLanguage : negotiateLocale(req.headers.get("accept-language"));
  return { locale, t: createTranslator({ locale, messages: await loadMessages(locale), namespace: "visitorRefusals" }) };
}

export async function intakeGate(req: NextRequest): Promise<Response | null> {
  const m = INTAKE.exec(req.nextUrl.pathname);
  if (!m) return null;
  try {
    // A server action called by JavaScript (Next-Action header) counts this same limit itself, in
    // the mint's own limit statement (lib/intake/request.ts; issue #20: one round trip fewer per
    // mint). Both sides decide by the same header of the same request, so each POST counts once.
    if (req.method === "POST" && !req.headers.has("next-action")) {
      const r = await consume([intakePostLimit(clientIp(req.headers))]);
      if (!r.ok) {
        log.warn("intake: too many requests", { path: req.nextUrl.pathname });
        const { locale, t } = await gateWords(req, await linkLanguageFor(req.nextUrl.pathname));
        const minutes = Math.max(1, Math.ceil(r.retryAfterSeconds / 60));
        return htmlPage(429, t("tooManyTitle"), t("tooManyNetwork", { minutes }), { "retry-after": String(r.retryAfterSeconds) }, locale, t("home"));
      }
      return null;
    }
    if (req.method === "GET" && !req.headers.get("next-router-prefetch")) {
      const slug = decodeURIComponent(m[1]!);
      const link = await lookupLink(slug);
      if (link.kind === "inactive" || link.kind === "expired" || link.kind === "full") {
        // In the visitor's language, decided as on the pages (lib/i18n/server.ts).
        const chosen = req.cookies.get(LOCALE_COOKIE)?.value;
        const locale = isLocale(chosen) ? chosen : isLocale(link.link.language) ? link.link.language : negotiateLocale(req.headers.get("accept-language"));
        // Branded from the same lookup; only a closed page asks who may frame it (an embedded link
        // that closed shows this page inside the customer's site).
        const frameAncestors = await frameAncestorsFor(req.nextUrl.pathname);
        return closedPage(link.kind, { locale, name: link.link.title, look: loadedLook(link.link), frameAncestors });
      }
    }
  } catch (err) {
    // The page itself will say what is wrong; the gate never turns a hiccup into an error page.
    log.warn("intake gate skipped", { error: (err as Error).message.slice(0, 200) });
  }
  return null;
}

/** Pass the request on with a per-request nonce and the CSP that names TwentyThree's origins.
 * `document: false` (a JavaScript action call, answered to a fetch): no embed origins looked up,
 * so its answer says frame-ancestors 'none', which no fetch answer is subject to. */
export async function withCsp(req: NextRequest, dev: boolean, linkLanguage: string | null = null, opts: { document?: boolean } = {}): Promise<NextResponse> {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const frameAncestors = opts.document === false ? [] : await frameAncestorsFor(req.nextUrl.pathname);
  const csp = buildCsp(nonce, await connectionOrigins(), { dev, frameAncestors });
  const headers = new Headers(req.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  // Only the proxy says which language a link is fixed to; a client's own header is dropped.
  headers.delete(LINK_LOCALE_HEADER);
  if (linkLanguage) headers.set(LINK_LOCALE_HEADER, linkLanguage);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("content-security-policy", csp);
  if (req.headers.get("x-forwarded-proto") === "https" || req.nextUrl.protocol === "https:") {
    res.headers.set("strict-transport-security", "max-age=31536000; includeSubDomains");
  }
  return res;
}
