// The state of a visitor's own uploads, for the uploader's polling: GET ?ticket=<signed ticket>.
// The ticket is HMAC-signed, so it only opens its own token; the answer carries no upload token,
// no object token and nothing about other visitors.
import type { NextRequest } from "next/server";
import { z } from "zod";
import { db } from "@/lib/db";
import { verifyTicket } from "@/lib/intake/signing";
import type { UploadStatus } from "@/lib/intake/status";

export const dynamic = "force-dynamic";

const query = z.object({ ticket: z.string().min(1).max(200) });

const json = (status: number, body: unknown) =>
  Response.json(body, { status, headers: { "cache-control": "no-store", "x-content-type-options": "nosniff" } });

export async function GET(req: NextRequest) {
  const parsed = query.safeParse({ ticket: req.nextUrl.searchParams.get("ticket") ?? undefined });
  if (!parsed.success) return json(400, { error: "ticket is required" });
  const tokenId = verifyTicket(parsed.data.ticket);
  if (!tokenId) return json(404, { error: "unknown ticket" });
  const token = await db().uploadToken.findUnique({
    where: { id: tokenId },
    select: {
      status: true,
      errorMessage: true,
      maxUploads: true,
      validUntil: true,
      uploads: { orderBy: { createdAt: "asc" }, select: { id: true, photoId: true, state: true, title: true, processing: true, processingPercent: true, createdAt: true } },
    },
  });
  if (!token) return json(404, { error: "unknown ticket" });
  const body: UploadStatus = {
    status: token.status,
    errorMessage: token.errorMessage,
    maxUploads: token.maxUploads,
    validUntil: token.validUntil.toISOString(),
    uploads: token.uploads.map((u) => ({ ...u, createdAt: u.createdAt.toISOString() })),
  };
  return json(200, body);
}
