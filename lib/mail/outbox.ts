// The team's e-mail (issue #16): an event queues one message per recipient in mail_messages
// (dedupe_key: the same event, job retry or digest run never queues a second one), and the mail
// job sends each and marks it sent. A message is only ever sent by the job holding its row lock,
// and never again once marked, so a stopped SMTP server delays mail but loses and doubles none.
import { digestChanges } from "@/lib/contributor/digest";
import { CONTRIBUTOR_MAIL_KINDS, contributorMailContent } from "@/lib/contributor/mail";
import { db } from "@/lib/db";
import { MAIL_MAX_ATTEMPTS } from "@/lib/jobs/queue";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { recipientAddresses } from "@/lib/links/recipients";
import { frameUrl } from "@/lib/twentythree";
import { formatLength } from "@/lib/uploads/format-length";
import { invitationMail, isInvitationMail, noteInvitationMail } from "@/lib/invitations/mail";
import { digestMail, newUploadMail, readyMail, type MailContent, type MailUpload } from "./templates";
import { describeMailError, mailTransport } from "./transport";

/** After this many failed attempts a message is marked FAILED (shown in the admin, resendable). */
export { MAIL_MAX_ATTEMPTS };
export type UploadMailKind = "new_upload" | "ready";

async function mailUpload(
  uploadId: string,
): Promise<{ u: MailUpload; linkId: string; link: { notifyEmails: string[]; notifyMemberIds: string[]; notifyMode: string; notifyReady: boolean } } | null> {
  const row = await db().upload.findUnique({ where: { id: uploadId }, include: { link: true, connection: { select: { apiUrl: true } } } });
  if (!row || !row.verifiedAt || row.state === "DISOWNED") return null; // only what TwentyThree confirmed
  const thumb =
    row.thumbnailUrl ?? (row.photoId && row.photoToken ? frameUrl({ apiUrl: row.connection.apiUrl, photoId: row.photoId, token: row.photoToken }) : null);
  const u: MailUpload = {
    title: row.title || "Untitled upload",
    contributor: row.contributorName || row.contributorEmail || "Someone",
    email: row.contributorEmail,
    linkTitle: row.link.title,
    reviewUrl: `${env().appUrl}/admin/uploads/${row.id}`,
    thumbnailUrl: thumb,
    length: row.videoLength !== null ? formatLength(row.videoLength) : null,
  };
  return { u, linkId: row.linkId, link: row.link };
}

/** Queue the link's e-mails for an upload event; returns the new messages' ids (to send). */
export async function queueUploadMail(kind: UploadMailKind, uploadId: string): Promise<string[]> {
  const m = await mailUpload(uploadId);
  if (!m || m.link.notifyMode !== "EACH") return [];
  if (kind === "ready" && !m.link.notifyReady) return [];
  // Members by their address today (stored by id), then the typed addresses.
  const to = await recipientAddresses(m.link);
  if (!to.length) return [];
  const subject = (await (kind === "ready" ? readyMail(m.u) : newUploadMail(m.u))).subject;
  return insertMessages(to.map((to) => ({ dedupeKey: `${kind}:${uploadId}:${to.toLowerCase()}`, kind, linkId: m.linkId, uploadId, to, subject })));
}

export async function insertMessages(
  rows: Array<{ dedupeKey: string; kind: string; linkId: string; uploadId: string | null; to: string; subject: string }>,
): Promise<string[]> {
  const ids: string[] = [];
  for (const r of rows) {
    // ON CONFLICT DO NOTHING: a repeated event finds its messages already queued.
    const created = await db().$queryRaw<{ id: string }[]>`
      INSERT INTO mail_messages (id, dedupe_key, kind, link_id, upload_id, "to", subject)
      VALUES (gen_random_uuid(), ${r.dedupeKey}, ${r.kind}, ${r.linkId}::uuid, ${r.uploadId}::uuid, ${r.to}, ${r.subject})
      ON CONFLICT (dedupe_key) DO NOTHING RETURNING id::text`;
    if (created[0]) ids.push(created[0].id);
  }
  return ids;
}

async function contentFor(msg: { kind: string; uploadId: string | null; linkId: string; dedupeKey: string }): Promise<MailContent | null> {
  if (isInvitationMail(msg.kind)) return invitationMail(msg.kind, msg.dedupeKey);
  if (msg.kind === "digest") {
    const day = msg.dedupeKey.split(":")[2] ?? "";
    const link = await db().intakeLink.findUnique({ where: { id: msg.linkId } });
    const uploads = await digestUploads(msg.linkId, new Date(`${day}T00:00:00Z`));
    const changes = await digestChanges(msg.linkId, new Date(`${day}T00:00:00Z`));
    return link && (uploads.length || changes.length) ? digestMail(link.title, uploads, changes) : null;
  }
  if ((CONTRIBUTOR_MAIL_KINDS as readonly string[]).includes(msg.kind)) return contributorMailContent(msg);
  const m = msg.uploadId ? await mailUpload(msg.uploadId) : null;
  if (!m) return null;
  return msg.kind === "ready" ? readyMail(m.u) : newUploadMail(m.u);
}

export type DeliverResult = "sent" | "already" | "dropped" | "failed";

/** Send one queued message. Throws on an SMTP failure (the job retries with back-off). */
export async function deliverMail(messageId: string): Promise<DeliverResult> {
  const r = await sendLocked(messageId);
  // Thrown only after the transaction committed the failure, so the row keeps the reason.
  if (typeof r === "object") throw new MailRetry(r.retry);
  return r;
}

async function sendLocked(messageId: string): Promise<DeliverResult | { retry: string }> {
  return db().$transaction(
    async (tx) => {
      // Row lock for the whole send: a second worker (or a redelivered job) waits, then sees SENT.
      const [msg] = await tx.$queryRaw<
        Array<{ id: string; kind: string; upload_id: string | null; link_id: string; dedupe_key: string; to: string; status: string; attempts: number }>
      >`
      SELECT id::text, kind, upload_id::text, link_id::text, dedupe_key, "to", status::text, attempts FROM mail_messages WHERE id = ${messageId}::uuid FOR UPDATE`;
      if (!msg) return "dropped";
      if (msg.status === "SENT") return "already";
      const content = await contentFor({ kind: msg.kind, uploadId: msg.upload_id, linkId: msg.link_id, dedupeKey: msg.dedupe_key });
      const transport = mailTransport();
      if (!content || !transport) {
        await tx.mailMessage.update({
          where: { id: msg.id },
          data: { status: "FAILED", lastError: transport ? "Nothing left to tell (the upload is gone)." : "No SMTP_URL is set." },
        });
        return "dropped";
      }
      try {
        // A stable Message-ID: should a send ever be repeated after a crash, clients thread it as one.
        await transport.sendMail({
          from: env().MAIL_FROM,
          to: msg.to,
          subject: content.subject,
          html: content.html,
          text: content.text,
          messageId: `<${msg.id}@upload-portal>`,
          headers: content.headers,
        });
      } catch (err) {
        const attempts = msg.attempts + 1;
        const lastError = describeMailError(err);
        await tx.mailMessage.update({ where: { id: msg.id }, data: { attempts, lastError, status: attempts >= MAIL_MAX_ATTEMPTS ? "FAILED" : "PENDING" } });
        log.warn("mail: send failed", { messageId, attempts, error: lastError });
        // A 5xx is the server refusing the address for good: the invitation shows it as bounced.
        if (((err as { responseCode?: number }).responseCode ?? 0) >= 500) await noteInvitationMail(msg.kind, msg.dedupe_key, { bounced: lastError });
        return attempts >= MAIL_MAX_ATTEMPTS ? "failed" : { retry: lastError };
      }
      await tx.mailMessage.update({ where: { id: msg.id }, data: { status: "SENT", sentAt: new Date(), attempts: msg.attempts + 1, lastError: null } });
      await noteInvitationMail(msg.kind, msg.dedupe_key, { delivered: true });
      return "sent";
    },
    { timeout: 60_000 },
  );
}

/** Thrown after the failure was recorded, so the job retries with back-off. */
export class MailRetry extends Error {}

/** Uploads for a day's digest: confirmed ones whose verification fell on that UTC day. */
async function digestUploads(linkId: string, day: Date): Promise<MailUpload[]> {
  const next = new Date(day.getTime() + 86_400_000);
  const rows = await db().upload.findMany({
    where: { linkId, verifiedAt: { gte: day, lt: next }, state: { notIn: ["DISOWNED"] } },
    select: { id: true },
    orderBy: { verifiedAt: "asc" },
    take: 50,
  });
  const out: MailUpload[] = [];
  for (const r of rows) {
    const m = await mailUpload(r.id);
    if (m) out.push(m.u);
  }
  return out;
}

/** Queue yesterday's digest (UTC) for every DIGEST link that had uploads or contributor changes. Safe to run repeatedly. */
export async function queueDigests(now = new Date()): Promise<string[]> {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1));
  const key = day.toISOString().slice(0, 10);
  const ids: string[] = [];
  const links = await db().intakeLink.findMany({
    where: { notifyMode: "DIGEST", OR: [{ NOT: { notifyEmails: { isEmpty: true } } }, { NOT: { notifyMemberIds: { isEmpty: true } } }] },
  });
  for (const link of links) {
    const uploads = await digestUploads(link.id, day);
    const changes = await digestChanges(link.id, day);
    const recipients = uploads.length || changes.length ? await recipientAddresses(link) : [];
    if (!recipients.length) continue;
    const subject = (await digestMail(link.title, uploads, changes)).subject;
    ids.push(
      ...(await insertMessages(
        recipients.map((to) => ({
          dedupeKey: `digest:${link.id}:${key}:${to.toLowerCase()}`,
          kind: "digest",
          linkId: link.id,
          uploadId: null,
          to,
          subject,
        })),
      )),
    );
  }
  return ids;
}

/** Staff's "send again" for a message that gave up. */
export async function resetMail(messageId: string): Promise<boolean> {
  const r = await db().mailMessage.updateMany({ where: { id: messageId, status: "FAILED" }, data: { status: "PENDING", attempts: 0, lastError: null } });
  return r.count > 0;
}

/** Messages queued but never tried (their job was lost): the sweep sends them. */
export async function unsentMail(limit = 100): Promise<string[]> {
  const rows = await db().mailMessage.findMany({
    where: { status: "PENDING", attempts: 0, createdAt: { lt: new Date(Date.now() - 120_000) } },
    select: { id: true },
    take: limit,
  });
  return rows.map((r) => r.id);
}
