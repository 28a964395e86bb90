// What an invitee's signed values unlock, checked against the database every time: the invite in
// `/u/<slug>?i=…` (greeting, pre-filled details, funnel steps) and the unsubscribe token.
// A refused invite changes nothing: the checks run before any write.
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { inviteHash, sameHash, verifyInvite, verifyUnsubscribe } from "./signing";

export type InviteRefusal = "invalid" | "revoked" | "expired";
export type InviteCheck = { ok: true; id: string; name: string; email: string } | { ok: false; reason: InviteRefusal };

/** Check an invite for a link: signed by us, for an invitation of this link, not revoked, not expired. */
export async function checkInvite(linkId: string, invite: string, now = new Date()): Promise<InviteCheck> {
  const id = verifyInvite(invite);
  if (!id) return { ok: false, reason: "invalid" };
  const inv = await db().invitation.findUnique({
    where: { id },
    select: { id: true, linkId: true, name: true, email: true, tokenHash: true, revokedAt: true, expiresAt: true },
  });
  // Another link's invitation is as good as a made-up one: the same answer, nothing revealed.
  if (!inv || inv.linkId !== linkId || !sameHash(inv.tokenHash, inviteHash(invite))) return { ok: false, reason: "invalid" };
  if (inv.revokedAt) return { ok: false, reason: "revoked" };
  if (inv.expiresAt <= now) return { ok: false, reason: "expired" };
  return { ok: true, id: inv.id, name: inv.name, email: inv.email };
}

/** The invitee opened their page: the first time is the funnel's "opened". */
export async function openInvite(linkId: string, invite: string, now = new Date()): Promise<InviteCheck> {
  const r = await checkInvite(linkId, invite, now);
  if (r.ok) await db().invitation.updateMany({ where: { id: r.id, openedAt: null }, data: { openedAt: now } });
  else log.info("invitation refused", { reason: r.reason });
  return r;
}

/** A token was minted with the invite: "started" (and "opened", should the page have been skipped). */
export async function markStarted(invitationId: string, now = new Date()): Promise<void> {
  await db().$executeRaw`
    UPDATE invitations SET started_at = COALESCE(started_at, ${now}), opened_at = COALESCE(opened_at, ${now}), updated_at = ${now}
    WHERE id = ${invitationId}::uuid`;
}

/**
 * An upload event of a token minted with an invitation: received → "uploaded" (and no more
 * reminders), verified by TwentyThree → "verified". Hooked where the events fan out (lib/notify).
 */
export async function recordInvitationUpload(type: string, uploadId: string, now = new Date()): Promise<void> {
  if (type !== "upload.received" && type !== "upload.verified") return;
  const verified = type === "upload.verified";
  await db().$executeRaw`
    UPDATE invitations i SET uploaded_at = COALESCE(i.uploaded_at, ${now}),
      verified_at = CASE WHEN ${verified} THEN COALESCE(i.verified_at, ${now}) ELSE i.verified_at END,
      next_reminder_at = NULL, updated_at = ${now}
    FROM uploads u JOIN upload_tokens t ON t.id = u.token_id
    WHERE u.id = ${uploadId}::uuid AND t.invitation_id = i.id AND u.state <> 'DISOWNED'`;
}

export type UnsubscribeResult = { ok: true; linkTitle: string; already: boolean } | { ok: false };

/** Which invitation an unsubscribe token names, without changing anything (the confirmation page). */
export async function unsubscribeTarget(token: string): Promise<UnsubscribeResult> {
  const id = verifyUnsubscribe(token);
  if (!id) return { ok: false };
  const inv = await db().invitation.findUnique({ where: { id }, select: { unsubscribedAt: true, link: { select: { title: true } } } });
  return inv ? { ok: true, linkTitle: inv.link.title, already: Boolean(inv.unsubscribedAt) } : { ok: false };
}

/** Stop every further e-mail to this invitee (reminders and resends). Works without signing in. */
export async function unsubscribe(token: string, now = new Date()): Promise<UnsubscribeResult> {
  const target = await unsubscribeTarget(token);
  if (!target.ok) return target;
  const id = verifyUnsubscribe(token)!;
  await db().invitation.updateMany({ where: { id, unsubscribedAt: null }, data: { unsubscribedAt: now, nextReminderAt: null } });
  log.info("invitation: unsubscribed", { invitationId: id });
  return { ...target, already: target.already };
}

/** The invitation a mint is tied to: none without an invite, a refusal (and no token) for a bad one. */
/** The refusal is named by reason; the mint words it in the visitor's language ("visitorRefusals" invalid/revoked/expired). */
export async function inviteForMint(
  linkId: string,
  invite: string | undefined,
): Promise<{ ok: true; invitationId?: string } | { ok: false; reason: InviteRefusal }> {
  if (!invite) return { ok: true };
  const r = await checkInvite(linkId, invite);
  if (!r.ok) return { ok: false, reason: r.reason };
  return { ok: true, invitationId: r.id };
}
