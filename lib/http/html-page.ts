// A small, self-contained HTML answer for route handlers (callback errors, 429s): readable on a
// phone, no scripts, every dynamic value escaped.
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** `home`: the words of the link back to the start, in `lang` (the callers on visitor paths translate it). */
export function htmlPage(status: number, title: string, body: string, headers: Record<string, string> = {}, lang = "en", home = "Home"): Response {
  const html = `<!doctype html><html lang="${escape(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#0f172a;line-height:1.5}h1{font-size:1.5rem}</style></head>
<body><main><h1>${escape(title)}</h1><p>${escape(body)}</p><p><a href="/">${escape(home)}</a></p></main></body></html>`;
  return new Response(html, { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", ...headers } });
}
