// Who may frame a page (CSP frame-ancestors, issue #18). Only an intake link's own pages (the
// form, its no-JS upload step and its thank-you page) can be embedded, and only by the origins
// the admin listed for that link; the portal itself may frame them for the admin's preview.
// Everything else stays unframeable. Each stored origin is checked again before it enters the
// header, so a row written by other means cannot inject directives.
import { embedOriginsForSlug } from "@/lib/branding/embed";
import { log } from "@/lib/log";

const LINK_PAGE = /^\/u\/([^/]+)(?:\/(?:done|upload))?\/?$/;
/** The admin's live preview of a link (app/preview/links/[id]): the portal's own pages only. */
const PREVIEW = /^\/preview\/links\/[^/]+\/?$/;
const ORIGIN = /^https?:\/\/(\[::1\]|[a-z0-9.-]+)(:\d{1,5})?$/i;

export async function frameAncestorsFor(pathname: string): Promise<string[]> {
  if (PREVIEW.test(pathname)) return ["'self'"];
  const m = LINK_PAGE.exec(pathname);
  if (!m) return [];
  try {
    const origins = await embedOriginsForSlug(decodeURIComponent(m[1]!));
    return ["'self'", ...origins.filter((o) => ORIGIN.test(o))];
  } catch (err) {
    // Unknown: no site may frame it (the safe answer); the page itself still renders.
    log.warn("frame-ancestors lookup failed", { error: (err as Error).message.slice(0, 200) });
    return [];
  }
}
