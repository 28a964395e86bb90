// CSV export of a filter, streamed: one keyset batch at a time is read from Postgres only when
// the client has taken the previous one (pull-based ReadableStream), so memory stays bounded by
// the batch size whatever the export size.
import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import type { Cursor, UploadFilter } from "@/lib/uploads/filters";
import { pageSql } from "@/lib/uploads/query";

// Spreadsheet apps run a cell starting with one of these as a formula (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/** One RFC 4180 field: formula-leading values neutralised with `'`, quoted when needed. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  let s = value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: readonly unknown[]): string {
  return values.map(csvField).join(",") + "\r\n";
}

export const CSV_HEADER = [
  "id",
  "created_at",
  "state",
  "contributor_name",
  "contributor_email",
  "title",
  "link_slug",
  "link_title",
  "photo_id",
  "size_bytes",
  "verified_at",
  "source",
  "error_message",
  "consent_version",
  "consent_sha256",
  "consent_at",
  "withdrawn_at",
] as const;

const CSV_COLUMNS = Prisma.sql`
  u.id::text AS "id", u.created_at AS "createdAt", u.state::text AS "state", u.contributor_name AS "contributorName",
  u.contributor_email AS "contributorEmail", u.title, l.slug AS "linkSlug", l.title AS "linkTitle", u.photo_id AS "photoId",
  u.size_bytes AS "sizeBytes", u.verified_at AS "verifiedAt", u.source::text AS "source", u.error_message AS "errorMessage",
  cv.version AS "consentVersion", cv.sha256 AS "consentSha256", t.consent_at AS "consentAt", u.withdrawn_at AS "withdrawnAt"`;
// The consent version each upload's contributor agreed to (issue #17): joined per row by primary key.
const CSV_JOINS = Prisma.sql`JOIN upload_tokens t ON t.id = u.token_id LEFT JOIN consent_versions cv ON cv.id = t.consent_version_id`;

type CsvRaw = {
  id: string;
  createdAt: Date;
  state: string;
  contributorName: string | null;
  contributorEmail: string | null;
  title: string | null;
  linkSlug: string;
  linkTitle: string;
  photoId: string | null;
  sizeBytes: bigint | null;
  verifiedAt: Date | null;
  source: string;
  errorMessage: string | null;
  consentVersion: number | null;
  consentSha256: string | null;
  consentAt: Date | null;
  withdrawnAt: Date | null;
};

export const EXPORT_BATCH = 1000;

export function exportCsvStream(f: UploadFilter, opts: { batchSize?: number; onError?: (err: unknown) => void } = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batch = opts.batchSize ?? EXPORT_BATCH;
  let cursor: Cursor | undefined;
  let headerSent = false;
  let done = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (!headerSent) {
            headerSent = true;
            // A BOM so that spreadsheet apps read UTF-8 names correctly.
            controller.enqueue(encoder.encode("\uFEFF" + csvRow(CSV_HEADER)));
            return;
          }
          if (done) return controller.close();
          const rows = await db().$queryRaw<CsvRaw[]>(pageSql(f, cursor, batch, CSV_COLUMNS, CSV_JOINS));
          const last = rows.at(-1);
          if (!last || rows.length < batch) done = true;
          if (last) cursor = { createdAt: last.createdAt, id: last.id };
          let chunk = "";
          for (const r of rows)
            chunk += csvRow([
              r.id,
              r.createdAt,
              r.state,
              r.contributorName,
              r.contributorEmail,
              r.title,
              r.linkSlug,
              r.linkTitle,
              r.photoId,
              r.sizeBytes,
              r.verifiedAt,
              r.source,
              r.errorMessage,
              r.consentVersion,
              r.consentSha256,
              r.consentAt,
              r.withdrawnAt,
            ]);
          if (chunk) controller.enqueue(encoder.encode(chunk));
          if (done) controller.close();
        } catch (err) {
          opts.onError?.(err);
          controller.error(err);
        }
      },
    },
    // One batch buffered ahead at most.
    { highWaterMark: 1 },
  );
}
