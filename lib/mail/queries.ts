// The team e-mails as the admin pages read them.
import "server-only";
import { db } from "@/lib/db";

export const mailsForUpload = (uploadId: string) => db().mailMessage.findMany({ where: { uploadId }, orderBy: { createdAt: "asc" }, take: 50 });

/** Minutes after which a message never tried is shown as waiting (its job may be lost; the sweep sends it). */
const WAITING_AFTER_MS = 10 * 60_000;

/**
 * Every message that needs someone to look (issue #16): failed ones (with the server's reason,
 * resendable), ones being retried, and ones waiting longer than they should. This includes
 * the daily digests and anything else not tied to one upload, which no review page shows.
 */
export async function mailNeedingAttention(now = new Date()) {
  const rows = await db().mailMessage.findMany({
    where: {
      OR: [
        { status: "FAILED" },
        { status: "PENDING", attempts: { gt: 0 } },
        { status: "PENDING", createdAt: { lt: new Date(now.getTime() - WAITING_AFTER_MS) } },
      ],
    },
    orderBy: { createdAt: "desc" },
    take: 100,
  });
  const links = await db().intakeLink.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.linkId))] } }, select: { id: true, title: true } });
  const title = new Map(links.map((l) => [l.id, l.title]));
  return rows.map((r) => ({ ...r, linkTitle: title.get(r.linkId) ?? "a deleted link" }));
}
