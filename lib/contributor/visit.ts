// One contributor visit can hold several upload tokens: a clip-mode recording mints one token per
// clip (issue #15), all carrying the response's id. Their receipt pages and the receipt e-mail
// treat them as one visit, so a contributor sees every clip they sent on whichever link they open.
// The response id is written by the browser, so it only joins tokens that also share the link
// and the contributor's e-mail address and were minted within a day of each other: a stranger
// would need all of them, and the response id (a random UUID) is shown to nobody but staff.
import { db } from "@/lib/db";

const WINDOW_MS = 24 * 60 * 60_000;

/** The ids of the upload tokens of the same visit as `tokenId` (itself included), oldest first. */
export async function visitTokenIds(tokenId: string): Promise<string[]> {
  const t = await db().uploadToken.findUnique({
    where: { id: tokenId },
    select: { id: true, responseId: true, linkId: true, contributorEmail: true, createdAt: true },
  });
  if (!t) return [];
  if (!t.responseId || !t.contributorEmail) return [t.id];
  const siblings = await db().uploadToken.findMany({
    where: {
      responseId: t.responseId,
      linkId: t.linkId,
      contributorEmail: { equals: t.contributorEmail, mode: "insensitive" },
      createdAt: { gte: new Date(t.createdAt.getTime() - WINDOW_MS), lte: new Date(t.createdAt.getTime() + WINDOW_MS) },
    },
    select: { id: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const ids = siblings.map((s) => s.id);
  return ids.includes(t.id) ? ids : [t.id, ...ids];
}

/** The visit a receipt link opens: its own token's and its siblings'. */
export async function receiptTokenIds(receiptId: string): Promise<string[]> {
  const r = await db().receipt.findUnique({ where: { id: receiptId }, select: { tokenId: true } });
  return r ? visitTokenIds(r.tokenId) : [];
}
