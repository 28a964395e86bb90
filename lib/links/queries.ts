// What the admin's link pages and the QR route read, per request. Boundaries (pages, actions,
// route handlers) never hold the database client: they call lib/<feature>/queries.ts or
// actions.ts, which pass db() to the data functions (lib/links/data.ts takes the client so its
// tests run against their own database).
import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { countsFor, getLink, listLinks } from "@/lib/links/data";

const UUID = /^[0-9a-f-]{36}$/i;

/** A live link by id, or null for a malformed id or a deleted link; once per request. */
export const linkById = cache(async (id: string) => (UUID.test(id) ? getLink(db(), id) : null));

export async function linkCounts(linkId: string) {
  return (await countsFor(db(), [linkId])).get(linkId)!;
}

export async function linksOverview() {
  const [links, connections] = await Promise.all([listLinks(db()), db().connection.count()]);
  return { links, hasConnection: connections > 0 };
}
