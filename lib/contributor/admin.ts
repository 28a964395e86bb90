// What the review page shows about an upload's contributor side (issue #17): the consent version
// agreed to, the private link's state, and the replacements.
import "server-only";
import { db } from "@/lib/db";

export async function contributorAdminInfo(uploadId: string) {
  const u = await db().upload.findUnique({
    where: { id: uploadId },
    select: {
      id: true,
      withdrawnAt: true,
      withdrawnReason: true,
      replacements: { orderBy: { createdAt: "desc" }, take: 50, select: { id: true, status: true, createdAt: true, completedAt: true } },
      token: {
        select: {
          consentText: true,
          consentAt: true,
          consentIp: true,
          contributorEmail: true,
          consentVersion: { select: { version: true, sha256: true, text: true, createdAt: true } },
          receipt: { select: { id: true, expiresAt: true, revokedAt: true, createdAt: true } },
        },
      },
    },
  });
  return u;
}

export type ContributorAdminInfo = NonNullable<Awaited<ReturnType<typeof contributorAdminInfo>>>;
