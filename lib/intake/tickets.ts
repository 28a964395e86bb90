// Loading what a visitor's ticket gives access to: their token row, its link and its uploads.
import { db } from "@/lib/db";
import { verifyTicket } from "./signing";

export async function loadTicket(slug: string, ticket: string | undefined) {
  const tokenId = verifyTicket(ticket);
  if (!tokenId) return null;
  const token = await db().uploadToken.findUnique({
    where: { id: tokenId },
    include: { link: true, connection: { select: { apiUrl: true } }, uploads: { orderBy: { createdAt: "asc" } } },
  });
  if (!token || token.link.slug !== slug) return null;
  return token;
}
