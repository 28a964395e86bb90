// What a contributor's own page and their data download read: only the rows of the receipt's
// upload token, never another contributor's. Unconfirmed claims (a callback TwentyThree never
// confirmed, or one it disowned) are not theirs to see as videos.
import { db } from "@/lib/db";
import { playerUrl } from "@/lib/twentythree";
import { visitTokenIds } from "./visit";

const CONTRIBUTOR_ACTIONS = ["withdraw", "replace"];

export async function contributorView(receiptId: string) {
  const receipt = await db().receipt.findUnique({
    where: { id: receiptId },
    include: {
      token: {
        include: {
          link: { select: { title: true, slug: true, withdrawPolicy: true } },
          connection: { select: { apiUrl: true } },
          consentVersion: true,
        },
      },
    },
  });
  if (!receipt) return null;
  const { token } = receipt;
  // Every token of the visit (a clip-mode recording has one per clip): see visit.ts.
  const visit = await db().upload.findMany({
    where: { tokenId: { in: await visitTokenIds(token.id) }, verifiedAt: { not: null }, state: { not: "DISOWNED" } },
    orderBy: { createdAt: "asc" },
    include: {
      replacements: { orderBy: { createdAt: "desc" }, take: 20 },
      moderation: { where: { action: { in: CONTRIBUTOR_ACTIONS }, ok: true }, orderBy: { createdAt: "desc" }, take: 20 },
    },
  });
  const uploads = visit.map((u) => ({
    id: u.id,
    title: u.title,
    photoId: u.photoId,
    state: u.state,
    processing: u.processing,
    processingPercent: u.processingPercent,
    thumbnailUrl: u.thumbnailUrl,
    createdAt: u.createdAt,
    withdrawnAt: u.withdrawnAt,
    withdrawnReason: u.withdrawnReason,
    deleted: u.state === "DELETED",
    player:
      u.photoId && u.photoToken && u.state !== "DELETED" && !u.withdrawnAt
        ? playerUrl({ apiUrl: token.connection.apiUrl, photoId: u.photoId, token: u.photoToken })
        : null,
    replacements: u.replacements.map((r) => ({ id: r.id, status: r.status, createdAt: r.createdAt, completedAt: r.completedAt })),
    history: u.moderation.map((m) => ({ action: m.action, at: m.createdAt, detail: m.detail })),
  }));
  return {
    receipt: { id: receipt.id, expiresAt: receipt.expiresAt },
    link: token.link,
    contributor: { name: token.contributorName, email: token.contributorEmail },
    consent: token.consentAt
      ? {
          text: token.consentVersion?.text ?? token.consentText ?? "",
          version: token.consentVersion?.version ?? null,
          sha256: token.consentVersion?.sha256 ?? null,
          agreedAt: token.consentAt,
          ip: token.consentIp,
        }
      : null,
    uploads,
  };
}

export type ContributorView = NonNullable<Awaited<ReturnType<typeof contributorView>>>;

/** "Download my data": what the portal stores about this contributor's visit, as plain JSON. */
export async function contributorData(receiptId: string) {
  const receipt = await db().receipt.findUnique({
    where: { id: receiptId },
    include: { token: { include: { consentVersion: true, link: { select: { title: true } } } } },
  });
  if (!receipt) return null;
  const t = {
    ...receipt.token,
    uploads: await db().upload.findMany({
      where: { tokenId: { in: await visitTokenIds(receipt.tokenId) } },
      include: { replacements: true },
      orderBy: { createdAt: "asc" },
    }),
  };
  const mail = await db().mailMessage.findMany({
    // Only messages to them about their own uploads (the team's notifications go to the team).
    where: { to: { equals: t.contributorEmail ?? "", mode: "insensitive" }, uploadId: { in: t.uploads.map((u) => u.id) } },
    select: { kind: true, subject: true, status: true, sentAt: true, createdAt: true },
  });
  return {
    exportedAt: new Date().toISOString(),
    link: t.link.title,
    contributor: { name: t.contributorName, email: t.contributorEmail },
    details: { title: t.title, description: t.description },
    consent: t.consentAt
      ? {
          text: t.consentVersion?.text ?? t.consentText,
          version: t.consentVersion?.version ?? null,
          sha256: t.consentVersion?.sha256 ?? null,
          agreedAt: t.consentAt,
          ip: t.consentIp,
        }
      : null,
    uploadStarted: { at: t.createdAt, ip: t.requesterIp },
    uploads: t.uploads
      .filter((u) => u.verifiedAt && u.state !== "DISOWNED")
      .map((u) => ({
        photoId: u.photoId,
        title: u.title,
        state: u.state,
        processing: u.processing,
        sizeBytes: u.sizeBytes === null ? null : Number(u.sizeBytes),
        videoLengthSeconds: u.videoLength,
        receivedAt: u.createdAt,
        confirmedAt: u.verifiedAt,
        withdrawnAt: u.withdrawnAt,
        withdrawnReason: u.withdrawnReason,
        replacements: u.replacements.map((r) => ({ status: r.status, startedAt: r.createdAt, completedAt: r.completedAt })),
      })),
    emails: mail.map((m) => ({ kind: m.kind, subject: m.subject, status: m.status, queuedAt: m.createdAt, sentAt: m.sentAt })),
    privateLink: { expiresAt: receipt.expiresAt },
  };
}
