// What the invitations page and its polling route read: the link's template and settings, the
// funnel counts and one row per invitee (newest first).
import "server-only";
import { db } from "@/lib/db";

import type { InvitationsView } from "./types";

export type { Funnel, InvitationRow, InvitationsView } from "./types";

type Inv = Awaited<ReturnType<typeof load>>[number];
const load = (linkId: string) => db().invitation.findMany({ where: { linkId }, orderBy: [{ createdAt: "desc" }, { email: "asc" }], take: 1000 });

/** The furthest step an invitee reached, in words (stops first: they end the funnel). */
function statusOf(i: Inv, now: Date): string {
  if (i.revokedAt) return "revoked";
  if (i.verifiedAt) return "verified";
  if (i.uploadedAt) return "uploaded";
  if (i.unsubscribedAt) return "unsubscribed";
  if (i.expiresAt <= now) return "expired";
  if (i.startedAt) return "started";
  if (i.openedAt) return "opened";
  if (i.bouncedAt) return "bounced";
  if (i.deliveredAt) return "delivered";
  if (i.sentAt) return "sent";
  return "not sent";
}

export async function invitationsView(linkId: string, now = new Date()): Promise<InvitationsView> {
  const all = await load(linkId);
  const count = (f: (i: Inv) => unknown) => all.filter(f).length;
  return {
    funnel: {
      invited: all.length,
      sent: count((i) => i.sentAt),
      delivered: count((i) => i.deliveredAt),
      bounced: count((i) => i.bouncedAt),
      opened: count((i) => i.openedAt),
      started: count((i) => i.startedAt),
      uploaded: count((i) => i.uploadedAt),
      verified: count((i) => i.verifiedAt),
      unsubscribed: count((i) => i.unsubscribedAt),
    },
    rows: all.map((i) => {
      const live = !i.revokedAt && !i.unsubscribedAt && i.expiresAt > now;
      return {
        id: i.id,
        name: i.name,
        email: i.email,
        status: statusOf(i, now),
        sentAt: i.sentAt?.toISOString() ?? null,
        openedAt: i.openedAt?.toISOString() ?? null,
        remindersSent: i.remindersSent,
        canResend: live && !i.uploadedAt,
        canRevoke: !i.revokedAt,
      };
    }),
  };
}

/** The link's invitation settings for the editor (defaults come from lib/invitations/template). */
export async function invitationSettings(linkId: string) {
  return db().intakeLink.findFirst({
    where: { id: linkId, deletedAt: null },
    select: {
      id: true,
      slug: true,
      title: true,
      inviteSubject: true,
      inviteBody: true,
      inviteValidDays: true,
      reminderCount: true,
      reminderIntervalHours: true,
    },
  });
}
