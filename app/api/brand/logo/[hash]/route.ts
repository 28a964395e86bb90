// Logos by content hash: the URL changes when the logo does, so browsers and proxies may keep a
// copy for a year. Served with its sniffed type, nosniff, and a CSP that lets it do nothing.
import { z } from "zod";
import { logoBytes } from "@/lib/branding/queries";
import { route } from "@/lib/server/route";

export const GET = route({
  name: "brandLogo",
  who: "anyone",
  schema: z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/, "Unknown logo.") }),
  read: (_req, params) => ({ hash: params.hash }),
  invalid: () => new Response("Unknown logo.", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } }),
  run: async ({ hash }) => {
    const logo = await logoBytes(hash);
    if (!logo) return new Response("Unknown logo.", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
    return new Response(Buffer.from(logo.bytes), {
      headers: {
        "content-type": logo.contentType,
        "content-length": String(logo.bytes.length),
        "cache-control": "public, max-age=31536000, immutable",
        etag: `"${hash}"`,
        "x-content-type-options": "nosniff",
        "content-security-policy": "default-src 'none'; sandbox",
        "cross-origin-resource-policy": "same-site",
      },
    });
  },
});
