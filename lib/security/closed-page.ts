// The page the intake gate answers for a closed, expired or full link (410; App Router pages
// cannot set that status), branded like the intake page (issue #18): the link's logo and colour,
// or the site default's, carried by the gate's one link lookup (lib/intake/links.ts loadedLook),
// the link's name, and the language switcher. Plain HTML with no script; every value is escaped
// and the stored logo hash and colour are checked again before they enter the markup.
import { createTranslator } from "next-intl";
import { localeNames, locales, type Locale } from "@/lib/i18n/locales";
import { loadMessages } from "@/lib/i18n/messages";
import type { LinkLook } from "@/lib/intake/links";

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const HEX = /^#[0-9a-f]{3}(?:[0-9a-f]{3})?$/i;
const HASH = /^[0-9a-f]{64}$/;

export type ClosedKind = "inactive" | "expired" | "full";

/** The closed page's HTML (its own CSP: images from the portal only, the switcher posts to us). */
export async function closedPage(kind: ClosedKind, opts: { locale: Locale; name: string; look: LinkLook; frameAncestors: string[] }): Promise<Response> {
  const messages = await loadMessages(opts.locale);
  const t = createTranslator({ locale: opts.locale, messages, namespace: "closed" });
  const ts = createTranslator({ locale: opts.locale, messages, namespace: "shell" });
  const colour = opts.look.color && HEX.test(opts.look.color) ? opts.look.color : null;
  const logo =
    opts.look.logoHash && HASH.test(opts.look.logoHash)
      ? `<div class="logo"><img src="/api/brand/logo/${opts.look.logoHash}" alt="${escape(opts.name ? ts("logo", { name: opts.name }) : ts("logoPlain"))}" data-testid="brand-logo"></div>`
      : "";
  const options = locales.map((l) => `<option value="${l}" lang="${l}"${l === opts.locale ? " selected" : ""}>${escape(localeNames[l])}</option>`).join("");
  const title = t(`${kind}Title`);
  // Same look as components/public/shell.tsx: grey page, white card, the brand colour on the heading.
  const html = `<!doctype html><html lang="${opts.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escape(title)}</title>
<style>body{margin:0;background:#f8fafc;color:#0f172a;font-family:system-ui,sans-serif;line-height:1.5}main{max-width:36rem;margin:0 auto;padding:2rem 1rem}
.logo{display:flex;justify-content:center;margin-bottom:1.5rem}.logo img{max-height:4rem;max-width:60%;object-fit:contain}
.card{background:#fff;border-radius:1rem;padding:1.25rem 1.5rem;border:1px solid #e2e8f0}.name{margin:0 0 .5rem;color:#475569;font-size:.875rem}
h1{margin:0;font-size:1.5rem;line-height:1.25;color:${colour ?? "#0f172a"}}.card p.body{margin:.75rem 0 0;color:#334155}
form{margin-top:.75rem;display:flex;justify-content:center;align-items:center;gap:.5rem;font-size:.75rem;color:#475569}
button{border:1px solid #cbd5e1;background:#fff;border-radius:.25rem;padding:.125rem .5rem;color:#1e293b}</style></head>
<body><main id="main"${colour ? ` data-brand="${colour}"` : ""}>${logo}<div class="card">${opts.name ? `<p class="name" data-testid="link-name">${escape(opts.name)}</p>` : ""}<h1>${escape(title)}</h1><p class="body">${escape(t(`${kind}Body`))}</p></div>
<form method="post" action="/api/language" data-testid="language-switcher"><label for="language-select">${escape(ts("language"))}</label><select id="language-select" name="locale">${options}</select><button type="submit">${escape(ts("change"))}</button></form></main></body></html>`;
  const csp = [
    "default-src 'none'",
    "img-src 'self'",
    "style-src 'unsafe-inline'",
    "form-action 'self'",
    "base-uri 'none'",
    `frame-ancestors ${opts.frameAncestors.length ? opts.frameAncestors.join(" ") : "'none'"}`,
  ].join("; ");
  return new Response(html, {
    status: 410,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "content-security-policy": csp },
  });
}
