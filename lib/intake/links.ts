// Loading an intake link for a visitor, and deciding whether it still takes uploads.
import { Prisma, type Connection, type IntakeLink } from "@/generated/prisma/client";
import { cache } from "react";
import { db } from "@/lib/db";
import { directQuery } from "@/lib/db-direct";
import { SLUG } from "@/lib/intake/schema";

export type LinkLookup =
  | { kind: "open"; link: IntakeLink }
  | { kind: "unknown" }
  | { kind: "inactive"; link: IntakeLink }
  | { kind: "expired"; link: IntakeLink }
  | { kind: "full"; link: IntakeLink };

/** What minting needs of a link's connection, loaded with the link itself. */
export type LinkConnection = Pick<Connection, "id" | "apiUrl" | "credentialsEnc">;

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

// The connection a lookup loaded with its link, for mintToken (lib/intake/mint.ts). Kept beside the
// link object rather than on it: the link is passed to pages and must never carry credentials.
const connections = new WeakMap<IntakeLink, LinkConnection>();
export const loadedConnection = (link: IntakeLink): LinkConnection | undefined => connections.get(link);

/** The link's logo and colour (its own, else the site default's), loaded with the link so the
 * intake gate can brand a closed link's page without a second round trip (issue #18). */
export type LinkLook = { logoHash: string | null; color: string | null };
const looks = new WeakMap<IntakeLink, LinkLook>();
export const loadedLook = (link: IntakeLink): LinkLook => looks.get(link) ?? { logoHash: null, color: null };

type Row = Omit<IntakeLink, "maxFileBytes"> & {
  maxFileBytes: string | null;
  cApiUrl: string | null;
  cCredentialsEnc: string | null;
  quotaUsed: number | null;
  rowHash: string;
  bLogoHash: string | null;
  bColor: string | null;
};

/** The quota count of link `l` (same rule as quotaUsed), for the lookup and for link-cache.ts's check. */
export const quotaUsedSql = Prisma.sql`(SELECT count(*) FROM uploads u WHERE u.link_id = l.id AND u.photo_id IS NOT NULL AND u.verified_at IS NOT NULL AND u.state <> 'DISOWNED')::int
        + LEAST((SELECT count(*) FROM uploads u WHERE u.link_id = l.id AND u.photo_id IS NOT NULL AND u.state = 'RECEIVED')::int, ${QUOTA_IN_FLIGHT_MAX}::int)`;
/** A digest of the link's row and its connection's row as stored (l, c as in the lookup): any change to either changes it. */
export const rowHashSql = Prisma.sql`md5(l::text || '|' || COALESCE(c::text, ''))`;

/**
 * One round trip for everything a visitor's request needs (issue #20): the link, its connection,
 * and, only for links with a quota, the quota count (same rule as quotaUsed, which stays the
 * readable reference; lib/intake/ownership.integration.test.ts checks both agree on "full").
 */
export async function loadLink(slug: string): Promise<{ link: IntakeLink; quotaUsed: number; rowHash: string } | null> {
  // On the direct pool (lib/db-direct.ts): every page view and every mint whose link is not in
  // this instance's cache runs it, and Prisma's raw-query path cost more CPU than the statement.
  // Same values either way: timestamptz → Date, text[] → string[], jsonb → parsed, the rest cast.
  const rows = await directQuery<Row>(Prisma.sql`
    SELECT l.id::text AS "id", l.slug, l.title, l.instructions, l.connection_id::text AS "connectionId",
      l.name_field::text AS "nameField", l.email_field::text AS "emailField", l.title_field::text AS "titleField",
      l.description_field::text AS "descriptionField", l.consent_text AS "consentText", l.album_ids AS "albumIds", l.tags,
      l.publish, l.custom_variables AS "customVariables", l.valid_minutes AS "validMinutes", l.max_uploads AS "maxUploads",
      l.max_file_bytes::text AS "maxFileBytes", l.max_duration_seconds AS "maxDurationSeconds", l.upload_quota AS "uploadQuota",
      l.members_only AS "membersOnly", l.active, l.expires_at AS "expiresAt", l.deleted_at AS "deletedAt",
      l.created_by_id::text AS "createdById", l.created_at AS "createdAt", l.updated_at AS "updatedAt",
      l.allow_record AS "allowRecord", l.allow_upload AS "allowUpload", l.allow_screen AS "allowScreen", l.record_mode::text AS "recordMode", l.questions, l.max_record_seconds AS "maxRecordSeconds",
      l.notify_emails AS "notifyEmails", l.notify_mode::text AS "notifyMode", l.notify_ready AS "notifyReady", l.notify_member_ids::text[] AS "notifyMemberIds",
      l.withdraw_policy AS "withdrawPolicy", l.invite_subject AS "inviteSubject", l.invite_body AS "inviteBody", l.invite_valid_days AS "inviteValidDays",
      l.reminder_count AS "reminderCount", l.reminder_interval_hours AS "reminderIntervalHours",
      l.language,
      c.api_url AS "cApiUrl", c.credentials_enc AS "cCredentialsEnc",
      CASE WHEN l.upload_quota IS NULL OR l.deleted_at IS NOT NULL OR NOT l.active THEN NULL ELSE ${quotaUsedSql} END AS "quotaUsed",
      ${rowHashSql} AS "rowHash",
      COALESCE(bl.logo_hash, bs.logo_hash) AS "bLogoHash", COALESCE(bl.color, bs.color) AS "bColor"
    FROM intake_links l LEFT JOIN connections c ON c.id = l.connection_id
      LEFT JOIN brandings bl ON bl.scope = l.id::text LEFT JOIN brandings bs ON bs.scope = 'site'
    WHERE l.slug = ${slug}`);
  const row = rows[0];
  if (!row) return null;
  const { cApiUrl, cCredentialsEnc, quotaUsed: used, maxFileBytes, rowHash, bLogoHash, bColor, ...rest } = row;
  const link: IntakeLink = { ...rest, maxFileBytes: maxFileBytes === null ? null : BigInt(maxFileBytes) };
  if (cApiUrl !== null && cCredentialsEnc !== null) connections.set(link, { id: link.connectionId, apiUrl: cApiUrl, credentialsEnc: cCredentialsEnc });
  looks.set(link, { logoHash: bLogoHash, color: bColor });
  return { link, quotaUsed: Number(used ?? 0), rowHash };
}

/** What a loaded link says to a visitor now. */
export function judgeLink(found: Awaited<ReturnType<typeof loadLink>>, now: Date): LinkLookup {
  const link = found?.link;
  if (!found || !link || link.deletedAt) return { kind: "unknown" };
  if (!link.active) return { kind: "inactive", link };
  if (link.expiresAt && link.expiresAt <= now) return { kind: "expired", link };
  if (link.uploadQuota !== null && found.quotaUsed >= link.uploadQuota) return { kind: "full", link };
  return { kind: "open", link };
}

/** Memoised per request (React cache): one public page view asks from its metadata, page and actions. */
export const lookupLink = cache(async (slug: string, now = new Date()): Promise<LinkLookup> => {
  if (!SLUG.test(slug)) return { kind: "unknown" };
  return judgeLink(await loadLink(slug), now);
});

/** The TwentyThree address a link's uploads are redeemed at (public: the no-JS form posts there). */
export async function redeemApiUrl(connectionId: string): Promise<string | undefined> {
  return (await db().connection.findUnique({ where: { id: connectionId }, select: { apiUrl: true } }))?.apiUrl;
}
export const closedMessages: Record<Exclude<LinkLookup["kind"], "open">, { title: string; body: string; status: number }> = {
  unknown: { title: "This upload link does not exist", body: "Check the address you were given, or ask the person who sent it for a new link.", status: 404 },
  inactive: {
    title: "This upload link is closed",
    body: "The team behind it is not taking uploads here at the moment. Ask them for a new link if you still want to send something.",
    status: 410,
  },
  expired: { title: "This upload link has expired", body: "It was only open until a set date. Ask the person who sent it for a new link.", status: 410 },
  full: {
    title: "This upload link has received all the uploads it takes",
    body: "Thank you for your interest. Ask the person who sent it if you still want to send something.",
    status: 410,
  },
};
