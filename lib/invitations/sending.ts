// Creating, sending, revoking and reminding (issue #17). Every e-mail goes through the team's
// outbox (lib/mail/outbox.ts) with a dedupe key, so a retried job or a double click never sends
// one twice; reminders are pg-boss jobs scheduled for when they are due, and each one re-checks
// the stop conditions (uploaded, unsubscribed, revoked, expired, bounced) in the same UPDATE
// that counts it.
import { randomUUID } from "node:crypto";
import { db, isUniqueViolation } from "@/lib/db";
import { env } from "@/lib/env";
import { enqueueMail, enqueueReminder } from "@/lib/jobs/queue";
import { log } from "@/lib/log";
import { insertMessages } from "@/lib/mail/outbox";
import type { Invitee, RowError } from "./csv";
import { invitationText } from "./mail";
import { inviteHash, signInvite } from "./signing";

const hourMs = () => env().INVITE_REMINDER_HOUR_SECONDS * 1000;

export type CreateResult = { ok: true; ids: string[] } | { ok: false; errors: RowError[] };

/** Everyone or no one: addresses already invited to this link are row errors, and nothing is stored. */
export async function createInvitations(
  linkId: string,
  rows: Array<Invitee & { line: number }>,
  userId: string | null,
  now = new Date(),
): Promise<CreateResult> {
  const link = await db().intakeLink.findUnique({ where: { id: linkId }, select: { inviteValidDays: true, deletedAt: true } });
  if (!link || link.deletedAt) return { ok: false, errors: [{ line: 0, message: "This link no longer exists." }] };
  const existing = await db().invitation.findMany({ where: { linkId, email: { in: rows.map((r) => r.email) } }, select: { email: true } });
  const taken = new Set(existing.map((e) => e.email));
  const errors = rows
    .filter((r) => taken.has(r.email))
    .map((r) => ({ line: r.line, message: `${r.email} is already invited to this link (resend from the list instead).` }));
  if (errors.length) return { ok: false, errors };
  const expiresAt = new Date(now.getTime() + link.inviteValidDays * 86_400_000);
  const data = rows.map((r) => {
    const id = randomUUID();
    return { id, linkId, name: r.name, email: r.email, fields: r.fields, tokenHash: inviteHash(signInvite(id)), expiresAt, createdById: userId };
  });
  try {
    await db().invitation.createMany({ data });
  } catch (err) {
    // Someone else invited one of them a moment ago: still all or nothing (createMany is one statement).
    if (isUniqueViolation(err)) return { ok: false, errors: [{ line: 0, message: "Someone on the list was invited by someone else just now. Check again." }] };
    throw err;
  }
  return { ok: true, ids: data.map((d) => d.id) };
}

/** Queue the invitation e-mail (first send or a resend) and, on the first, schedule the first reminder. */
export async function sendInvitation(invitationId: string, now = new Date()): Promise<{ ok: true } | { ok: false; message: string }> {
  const inv = await db().invitation.findUnique({
    where: { id: invitationId },
    include: { link: { select: { slug: true, title: true, inviteSubject: true, inviteBody: true, reminderCount: true, reminderIntervalHours: true } } },
  });
  if (!inv) return { ok: false, message: "This invitation no longer exists." };
  if (inv.revokedAt) return { ok: false, message: `The invitation of ${inv.email} was revoked.` };
  if (inv.unsubscribedAt) return { ok: false, message: `${inv.email} unsubscribed: the portal sends them nothing more.` };
  if (inv.expiresAt <= now) return { ok: false, message: `The invitation of ${inv.email} has expired.` };
  const first = inv.sends === 0;
  const remindAt = first && inv.link.reminderCount > 0 ? new Date(now.getTime() + inv.link.reminderIntervalHours * hourMs()) : null;
  // The counter in the WHERE makes a double click queue one message, not two.
  const claimed = await db().invitation.updateMany({
    where: { id: inv.id, sends: inv.sends },
    data: { sends: inv.sends + 1, sentAt: inv.sentAt ?? now, ...(remindAt ? { nextReminderAt: remindAt } : {}) },
  });
  if (!claimed.count) return { ok: true };
  const ids = await insertMessages([
    {
      dedupeKey: `invite:${inv.id}:${inv.sends + 1}`,
      kind: "invite",
      linkId: inv.linkId,
      uploadId: null,
      to: inv.email,
      subject: invitationText(inv, "").subject,
    },
  ]);
  for (const id of ids) await enqueueMail(id);
  if (remindAt) await enqueueReminder(inv.id, (remindAt.getTime() - now.getTime()) / 1000);
  return { ok: true };
}

export async function revokeInvitation(linkId: string, invitationId: string, now = new Date()): Promise<boolean> {
  const r = await db().invitation.updateMany({ where: { id: invitationId, linkId, revokedAt: null }, data: { revokedAt: now, nextReminderAt: null } });
  if (r.count) log.info("invitation: revoked", { invitationId });
  return r.count > 0;
}

export type ReminderResult = { sent: boolean; nextAt: Date | null };

/**
 * Send the invitation's reminder if it is due and still wanted. One UPDATE decides and counts it
 * (two workers or the sweep racing the job cannot both send reminder n), and plans the next.
 */
export async function sendDueReminder(invitationId: string, now = new Date()): Promise<ReminderResult> {
  const rows = await db().$queryRaw<Array<{ n: number; next: Date | null; link_id: string; email: string }>>`
    UPDATE invitations i SET reminders_sent = i.reminders_sent + 1, updated_at = ${now},
      next_reminder_at = CASE WHEN i.reminders_sent + 1 < l.reminder_count
        THEN ${now}::timestamptz + make_interval(secs => l.reminder_interval_hours * ${env().INVITE_REMINDER_HOUR_SECONDS}::int) ELSE NULL END
    FROM intake_links l
    WHERE i.id = ${invitationId}::uuid AND l.id = i.link_id AND l.deleted_at IS NULL
      AND i.next_reminder_at IS NOT NULL AND i.next_reminder_at <= ${now}
      AND i.reminders_sent < l.reminder_count AND i.uploaded_at IS NULL AND i.unsubscribed_at IS NULL
      AND i.revoked_at IS NULL AND i.bounced_at IS NULL AND i.expires_at > ${now}
    RETURNING i.reminders_sent AS n, i.next_reminder_at AS next, i.link_id::text, i.email`;
  const row = rows[0];
  if (!row) {
    // Not due (a job early or late) or no longer wanted: clear a stopped invitation's schedule.
    const inv = await db().invitation.findUnique({ where: { id: invitationId }, select: { nextReminderAt: true } });
    if (inv?.nextReminderAt && inv.nextReminderAt > now) return { sent: false, nextAt: inv.nextReminderAt };
    if (inv?.nextReminderAt)
      await db().invitation.updateMany({ where: { id: invitationId, nextReminderAt: inv.nextReminderAt }, data: { nextReminderAt: null } });
    return { sent: false, nextAt: null };
  }
  const ids = await insertMessages([
    { dedupeKey: `reminder:${invitationId}:${row.n}`, kind: "reminder", linkId: row.link_id, uploadId: null, to: row.email, subject: "Reminder" },
  ]);
  for (const id of ids) await enqueueMail(id);
  log.info("invitation: reminder queued", { invitationId, n: row.n });
  return { sent: true, nextAt: row.next };
}

/** Invitations whose reminder is due (the sweep's safety net for lost jobs). */
export async function dueReminders(now = new Date(), limit = 200): Promise<string[]> {
  const rows = await db().invitation.findMany({
    where: { nextReminderAt: { lte: now } },
    select: { id: true },
    orderBy: { nextReminderAt: "asc" },
    take: limit,
  });
  return rows.map((r) => r.id);
}
