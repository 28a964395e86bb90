// What the admin's link pages and the QR route read, per request. Boundaries (pages, actions,
// route handlers) never hold the database client: they call lib/<feature>/queries.ts or
// actions.ts, whose data functions (lib/links/data.ts) call db() themselves.
import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { countsFor, getLink, listLinks } from "@/lib/links/data";

const UUID = /^[0-9a-f-]{36}$/i;

/** A live link by id, or null for a malformed id or a deleted link; once per request. */
export const linkById = cache(async (id: string) => (UUID.test(id) ? getLink(id) : null));

export async function linkCounts(linkId: string) {
  return (await countsFor([linkId])).get(linkId)!;
}

export async function linksOverview() {
  const [links, connections] = await Promise.all([listLinks(), db().connection.count()]);
  return { links, hasConnection: connections > 0 };
}
