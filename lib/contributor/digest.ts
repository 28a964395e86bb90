// What contributors changed on a link during one UTC day (withdrawals and confirmed
// replacements, issue #17), for the link's daily digest: a DIGEST link gets no message per
// change, so the digest must carry them or the team would never hear of them.
import { db } from "@/lib/db";
import { env } from "@/lib/env";

export type DigestChange = { kind: "withdrawn" | "replaced"; title: string; contributor: string; reason: string | null; reviewUrl: string };

export async function digestChanges(linkId: string, day: Date): Promise<DigestChange[]> {
  const next = new Date(day.getTime() + 86_400_000);
  const rows = await db().moderationAction.findMany({
    where: {
      action: { in: ["withdraw", "replace"] },
      ok: true,
      detail: { path: ["by"], equals: "contributor" },
      createdAt: { gte: day, lt: next },
      upload: { linkId },
    },
    include: { upload: { select: { id: true, title: true, contributorName: true, contributorEmail: true } } },
    orderBy: { createdAt: "asc" },
    take: 50,
  });
  return rows.map((r) => ({
    kind: r.action === "withdraw" ? "withdrawn" : "replaced",
    title: r.upload.title || "Untitled upload",
    contributor: r.upload.contributorName || r.upload.contributorEmail || "A contributor",
    reason: ((r.detail ?? {}) as { reason?: string }).reason || null,
    reviewUrl: `${env().appUrl}/admin/uploads/${r.upload.id}`,
  }));
}
