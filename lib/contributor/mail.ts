// Mail about a contributor's own uploads (issue #17), queued in the same outbox as the team's
// (lib/mail/outbox.ts: one row per recipient, a dedupe key, sent by the mail job).
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { recipientAddresses } from "@/lib/links/recipients";
import type { MailContent } from "@/lib/mail/templates";
import { receiptMail, teamNoticeMail, type TeamNotice } from "./mail-templates";
import { ensureReceipt, receiptUrl } from "./receipt";
import { visitTokenIds } from "./visit";

export const CONTRIBUTOR_MAIL_KINDS = ["receipt", "withdrawn", "replaced"] as const;
type Row = { dedupeKey: string; kind: string; linkId: string; uploadId: string | null; to: string; subject: string };
type Insert = (rows: Row[]) => Promise<string[]>;

async function receiptContent(uploadId: string): Promise<MailContent | null> {
  const u = await db().upload.findUnique({ where: { id: uploadId }, include: { link: { select: { title: true } }, token: { include: { receipt: true } } } });
  const receipt = u?.token.receipt;
  if (!u || !receipt || receipt.revokedAt) return null;
  const titles = await db().upload.findMany({
    where: { tokenId: { in: await visitTokenIds(u.tokenId) }, verifiedAt: { not: null }, state: { not: "DISOWNED" } },
    select: { title: true },
    orderBy: { createdAt: "asc" },
  });
  return receiptMail({
    name: u.token.contributorName,
    linkTitle: u.link.title,
    titles: titles.map((t) => t.title),
    pageUrl: receiptUrl(receipt.id),
    expiresAt: receipt.expiresAt,
    locale: u.token.locale,
  });
}

/** After TwentyThree confirmed an upload: the contributor's receipt, once per visit (its first
 * token's, so every clip of a recorded response shares one message and one link). */
export async function queueReceipt(uploadId: string, insert: Insert): Promise<string[]> {
  const u = await db().upload.findUnique({ where: { id: uploadId }, include: { token: { select: { id: true, contributorEmail: true } } } });
  if (!u || !u.verifiedAt || u.state === "DISOWNED" || !u.token.contributorEmail) return [];
  await ensureReceipt(u.token.id);
  const content = await receiptContent(uploadId);
  if (!content) return [];
  const visit = (await visitTokenIds(u.token.id))[0] ?? u.token.id; // the visit's first token names it
  return insert([{ dedupeKey: `receipt:${visit}`, kind: "receipt", linkId: u.linkId, uploadId, to: u.token.contributorEmail, subject: content.subject }]);
}

async function noticeOf(kind: TeamNotice["kind"], uploadId: string, actionId: string): Promise<TeamNotice | null> {
  const u = await db().upload.findUnique({ where: { id: uploadId }, include: { link: { select: { title: true } } } });
  const action = await db().moderationAction.findUnique({ where: { id: actionId } });
  if (!u || !action) return null;
  const detail = (action.detail ?? {}) as { reason?: string; outcome?: string };
  return {
    kind,
    title: u.title || "Untitled upload",
    contributor: u.contributorName || u.contributorEmail || "A contributor",
    linkTitle: u.link.title,
    reason: detail.reason || null,
    reviewUrl: `${env().appUrl}/admin/uploads/${u.id}`,
    outcome: detail.outcome ?? "",
  };
}

/** The team hears of a withdrawal or replacement (one message per recipient per action), as the
 * link's mode says: EACH at once; DIGEST in the next daily digest (lib/contributor/digest.ts); OFF never. */
export async function queueTeamNotice(kind: TeamNotice["kind"], uploadId: string, actionId: string, insert: Insert): Promise<string[]> {
  const u = await db().upload.findUnique({
    where: { id: uploadId },
    include: { link: { select: { notifyEmails: true, notifyMemberIds: true, notifyMode: true } } },
  });
  const notice = await noticeOf(kind, uploadId, actionId);
  if (!u || !notice || u.link.notifyMode !== "EACH") return [];
  const subject = (await teamNoticeMail(notice)).subject;
  // Members by their address today (stored by id), then the typed addresses, as for uploads.
  const to = await recipientAddresses(u.link);
  return insert(to.map((to) => ({ dedupeKey: `${kind}:${actionId}:${to.toLowerCase()}`, kind, linkId: u.linkId, uploadId, to, subject })));
}

/** The content of a queued contributor message when the mail job sends it. */
export async function contributorMailContent(msg: { kind: string; uploadId: string | null; dedupeKey: string }): Promise<MailContent | null> {
  if (!msg.uploadId) return null;
  if (msg.kind === "receipt") return receiptContent(msg.uploadId);
  const actionId = msg.dedupeKey.split(":")[1] ?? "";
  const notice = await noticeOf(msg.kind as TeamNotice["kind"], msg.uploadId, actionId);
  return notice ? teamNoticeMail(notice) : null;
}
