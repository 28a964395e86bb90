// The open links the intake actions saw lately, kept per instance (issue #20: the mint's link
// lookup was a round trip of its own on every press of Upload). A cached link is never trusted
// on its own: the mint's limits statement re-reads the link's row and its connection's row
// (a digest of both as stored) and the quota count, and counts nothing unless they still hold
// (linkGuard → lib/limits.ts consumeBehind). Any change, on this instance or another (settings,
// closing, deleting, new credentials, a filled quota), therefore refuses the cached copy, and the
// action looks the link up afresh. Expiry is judged again at every use.
import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { judgeLink, loadLink, quotaUsedSql, rowHashSql, type LinkLookup } from "./links";
import { SLUG } from "./schema";

type Found = NonNullable<Awaited<ReturnType<typeof loadLink>>>;
const TTL_MS = 30_000;
const MAX_ENTRIES = 500;
const entries = new Map<string, { found: Found; at: number }>();

/** The SELECT that finds a row only while `found` is still the link as stored, with room in its quota. */
function linkGuard(found: Found): Prisma.Sql {
  return Prisma.sql`SELECT 1 FROM intake_links l LEFT JOIN connections c ON c.id = l.connection_id
    WHERE l.id = ${found.link.id}::uuid AND ${rowHashSql} = ${found.rowHash} AND (l.upload_quota IS NULL OR ${quotaUsedSql} < l.upload_quota)`;
}

/**
 * The link for an intake action: from this instance's cache with the guard its mint must pass
 * (`guard`), or looked up now (no guard needed: the lookup is this request's own).
 */
export async function linkForAction(slug: string, now = new Date()): Promise<{ lookup: LinkLookup; guard?: Prisma.Sql }> {
  if (!SLUG.test(slug)) return { lookup: { kind: "unknown" } };
  const hit = entries.get(slug);
  if (hit && now.getTime() - hit.at < TTL_MS) {
    const lookup = judgeLink(hit.found, now);
    if (lookup.kind === "open") return { lookup, guard: linkGuard(hit.found) };
  }
  return { lookup: await freshLink(slug, now) };
}

/** Look the link up now, and keep it for the next action if it is open. */
export async function freshLink(slug: string, now = new Date()): Promise<LinkLookup> {
  if (!SLUG.test(slug)) return { kind: "unknown" };
  const found = await loadLink(slug);
  const lookup = judgeLink(found, now);
  entries.delete(slug);
  if (found && lookup.kind === "open") {
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    entries.set(slug, { found, at: now.getTime() });
  }
  return lookup;
}
