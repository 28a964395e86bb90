// Loading what a visitor's ticket gives access to: their token row, its link and its uploads.
import "server-only";
import { db } from "@/lib/db";
import { verifyTicket } from "./signing";

/** What the uploader polls: the token's state and its uploads, nothing secret. */
export type UploadStatus = {
  status: "ACTIVE" | "USED" | "FAILED" | "EXPIRED";
  errorMessage: string | null;
  maxUploads: number;
  validUntil: string;
  uploads: Array<{ id: string; photoId: string | null; state: string; title: string | null; createdAt: string }>;
};

/** The state behind a signed ticket, or null when the ticket is forged or its token is gone. */
export async function ticketStatus(ticket: string): Promise<UploadStatus | null> {
  const tokenId = verifyTicket(ticket);
  if (!tokenId) return null;
  const token = await db().uploadToken.findUnique({
    where: { id: tokenId },
    select: {
      status: true,
      errorMessage: true,
      maxUploads: true,
      validUntil: true,
      uploads: {
        orderBy: { createdAt: "asc" },
        select: { id: true, photoId: true, state: true, title: true, processing: true, processingPercent: true, createdAt: true },
      },
    },
  });
  if (!token) return null;
  return {
    status: token.status,
    errorMessage: token.errorMessage,
    maxUploads: token.maxUploads,
    validUntil: token.validUntil.toISOString(),
    uploads: token.uploads.map((u) => ({ ...u, createdAt: u.createdAt.toISOString() })),
  };
}

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
