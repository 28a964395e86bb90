// Loading an intake link for a visitor, and deciding whether it still takes uploads.
import type { IntakeLink } from "@/generated/prisma/client";
import { cache } from "react";
import { db } from "@/lib/db";
import { SLUG } from "@/lib/intake/schema";

export type LinkLookup =
  | { kind: "open"; link: IntakeLink }
  | { kind: "unknown" }
  | { kind: "inactive"; link: IntakeLink }
  | { kind: "expired"; link: IntakeLink }
  | { kind: "full"; link: IntakeLink };


/** Unconfirmed uploads that count against a quota while TwentyThree is asked about them. A
 * callback only claims an object, so forged claims may hold at most this many places, and only
 * until verification disowns them (seconds, or minutes while TwentyThree is down). */
export const QUOTA_IN_FLIGHT_MAX = 5;

/** A link's quota counts objects TwentyThree confirmed as made by its tokens (whatever staff did
 * with them since) plus a bounded number still being confirmed. Disowned claims never count. */
export async function quotaUsed(linkId: string): Promise<number> {
  const [confirmed, inFlight] = await Promise.all([
    db().upload.count({ where: { linkId, photoId: { not: null }, verifiedAt: { not: null }, state: { not: "DISOWNED" } } }),
    db().upload.count({ where: { linkId, photoId: { not: null }, state: "RECEIVED" } }),
  ]);
  return confirmed + Math.min(inFlight, QUOTA_IN_FLIGHT_MAX);
}

/** Memoised per request (React cache): one public page view asks from its metadata, page and actions. */
export const lookupLink = cache(async (slug: string, now = new Date()): Promise<LinkLookup> => {
  if (!SLUG.test(slug)) return { kind: "unknown" };
  const link = await db().intakeLink.findUnique({ where: { slug } });
  if (!link || link.deletedAt) return { kind: "unknown" };
  if (!link.active) return { kind: "inactive", link };
  if (link.expiresAt && link.expiresAt <= now) return { kind: "expired", link };
  if (link.uploadQuota !== null && (await quotaUsed(link.id)) >= link.uploadQuota) return { kind: "full", link };
  return { kind: "open", link };
});

/** The TwentyThree address a link's uploads are redeemed at (public: the no-JS form posts there). */
export async function redeemApiUrl(connectionId: string): Promise<string | undefined> {
  return (await db().connection.findUnique({ where: { id: connectionId }, select: { apiUrl: true } }))?.apiUrl;
}

export const closedMessages: Record<Exclude<LinkLookup["kind"], "open">, { title: string; body: string; status: number }> = {
  unknown: { title: "This upload link does not exist", body: "Check the address you were given, or ask the person who sent it for a new link.", status: 404 },
  inactive: { title: "This upload link is closed", body: "The team behind it is not taking uploads here at the moment. Ask them for a new link if you still want to send something.", status: 410 },
  expired: { title: "This upload link has expired", body: "It was only open until a set date. Ask the person who sent it for a new link.", status: 410 },
  full: { title: "This upload link has received all the uploads it takes", body: "Thank you for your interest. Ask the person who sent it if you still want to send something.", status: 410 },
};
