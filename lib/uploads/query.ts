// The uploads list: keyset pagination over (created_at, id), newest first. Every filter is a
// plain predicate in front of an ORDER BY that matches one of the indexes
// (created_at DESC, id DESC) / (link_id, …) / (state, …), so Postgres walks the index and stops
// after `limit + 1` rows however deep the page: no OFFSET, no count(*) of the whole table.
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { dateBounds, encodeCursor, type Cursor, type UploadFilter, type UploadStateName } from "@/lib/uploads/filters";

export const PAGE_SIZE = 50;

/** One list row, JSON-safe (dates as ISO strings, size as a number). */
export type UploadRow = {
  id: string;
  createdAt: string;
  updatedAt: string;
  state: UploadStateName;
  contributorName: string | null;
  contributorEmail: string | null;
  title: string | null;
  sizeBytes: number | null;
  photoId: string | null;
  /** TwentyThree's processing (null until first looked at), with its percentage. */
  processing: "PROCESSING" | "READY" | "FAILED" | "TIMED_OUT" | null;
  processingPercent: number | null;
  videoLength: number | null;
  /** On the connection's own domain, stored with the row: the list joins nothing for it. */
  thumbnailUrl: string | null;
  /** The contributor withdrew consent (issue #17): shown beside the state, whatever it is. */
  withdrawnAt: string | null;
  linkId: string;
  linkSlug: string;
  linkTitle: string;
};

export type UploadPage = { rows: UploadRow[]; nextCursor: string | null };

/** `%`, `_` and `\` typed by a user match themselves. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** WHERE clause for a filter (and an optional cursor), on `uploads u`. */
export function whereFor(f: UploadFilter, cursor?: Cursor): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (f.link) parts.push(Prisma.sql`u.link_id = ${f.link}::uuid`);
  if (f.state === "WAITING") parts.push(Prisma.sql`u.state IN ('RECEIVED', 'VERIFIED')`);
  else if (f.state) parts.push(Prisma.sql`u.state = ${f.state}::"UploadState"`);
  const { gte, lt } = dateBounds(f);
  if (gte) parts.push(Prisma.sql`u.created_at >= ${gte}`);
  if (lt) parts.push(Prisma.sql`u.created_at < ${lt}`);
  if (f.q) {
    // A filter on the rows the index walk yields, never a reason to leave the index: the search
    // is only added when someone types one (see scale test for the plans).
    const p = likePattern(f.q);
    parts.push(Prisma.sql`(u.contributor_name ILIKE ${p} OR u.contributor_email ILIKE ${p} OR u.title ILIKE ${p})`);
  }
  if (cursor) parts.push(Prisma.sql`(u.created_at, u.id) < (${cursor.createdAt}, ${cursor.id}::uuid)`);
  return parts.length ? Prisma.sql`WHERE ${Prisma.join(parts, " AND ")}` : Prisma.empty;
}

export const ROW_COLUMNS = Prisma.sql`
  u.id::text AS "id", u.created_at AS "createdAt", u.updated_at AS "updatedAt", u.state::text AS "state",
  u.contributor_name AS "contributorName", u.contributor_email AS "contributorEmail", u.title,
  u.size_bytes AS "sizeBytes", u.photo_id AS "photoId", u.link_id::text AS "linkId",
  u.processing::text AS "processing", u.processing_percent AS "processingPercent", u.video_length AS "videoLength", u.withdrawn_at AS "withdrawnAt",
  CASE WHEN u.verified_at IS NOT NULL AND u.state <> 'DISOWNED' THEN u.thumbnail_url END AS "thumbnailUrl",
  l.slug AS "linkSlug", l.title AS "linkTitle"`;

/** The SQL of one page (exported so the scale test can EXPLAIN exactly what runs). */
export function pageSql(
  f: UploadFilter,
  cursor: Cursor | undefined,
  limit: number,
  columns: Prisma.Sql = ROW_COLUMNS,
  joins: Prisma.Sql = Prisma.empty,
): Prisma.Sql {
  return Prisma.sql`
    SELECT ${columns}
    FROM uploads u JOIN intake_links l ON l.id = u.link_id ${joins}
    ${whereFor(f, cursor)}
    ORDER BY u.created_at DESC, u.id DESC
    LIMIT ${limit}`;
}

type RawRow = Omit<UploadRow, "createdAt" | "updatedAt" | "sizeBytes" | "withdrawnAt"> & {
  createdAt: Date;
  updatedAt: Date;
  sizeBytes: bigint | number | null;
  withdrawnAt: Date | null;
};

export function toRow(r: RawRow): UploadRow {
  return {
    ...r,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    withdrawnAt: r.withdrawnAt ? r.withdrawnAt.toISOString() : null,
    sizeBytes: r.sizeBytes === null ? null : Number(r.sizeBytes),
  };
}

export async function listUploads(f: UploadFilter, cursor?: Cursor, limit = PAGE_SIZE): Promise<UploadPage> {
  const raw = await db().$queryRaw<RawRow[]>(pageSql(f, cursor, limit + 1));
  const rows = raw.slice(0, limit).map(toRow);
  const last = raw.length > limit ? raw[limit - 1] : undefined;
  return { rows, nextCursor: last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null };
}

/** Links to choose from in the filter (deleted ones too: their uploads still exist). */
export async function linkOptions(): Promise<Array<{ id: string; title: string; slug: string }>> {
  return db().intakeLink.findMany({ select: { id: true, title: true, slug: true }, orderBy: [{ title: "asc" }] });
}
