// A link's embed origins by slug, for the proxy's CSP (lib/security/frame-ancestors.ts). Its own
// module without server-only imports: the proxy bundle loads it.
import { db } from "@/lib/db";

/** The origins allowed to frame a link's public pages ([] = nowhere). One indexed query. */
export async function embedOriginsForSlug(slug: string): Promise<string[]> {
  const rows = await db().$queryRaw<{ embed_origins: string[] }[]>`
    SELECT b.embed_origins FROM brandings b JOIN intake_links l ON b.scope = l.id::text WHERE l.slug = ${slug} AND l.deleted_at IS NULL`;
  return rows[0]?.embed_origins ?? [];
}
