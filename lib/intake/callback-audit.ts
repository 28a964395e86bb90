// The callback audit trail (callback_events). Accepted callbacks keep their full params: they
// are bounded by the tokens' max_uploads and explain every upload row. Everything else (forged,
// replayed, failed) is what a flood consists of, so it keeps only a SHA-256 of what arrived and
// a short excerpt (a few hundred bytes a row), and is swept after CALLBACK_AUDIT_RETENTION_DAYS.
import { createHash } from "node:crypto";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

export const EXCERPT_CHARS = 240;
const REASON_CHARS = 200;

// PostgreSQL refuses NUL and unpaired surrogates in text/jsonb; a forged callback must not turn
// into a failed write.
export const storable = (s: string, max: number) =>
  s
    .slice(0, max)
    .toWellFormed()
    .replace(/\u0000/g, "\uFFFD");

export type AuditInput = {
  method: string;
  background?: boolean;
  outcome: "accepted" | "duplicate" | "upload_failed" | "rejected";
  reason?: string;
  tokenId?: string;
  uploadId?: string;
  ip?: string;
  /** Everything that arrived, untruncated (hashed), and the cleaned, bounded copy (kept if accepted). */
  raw: Array<[string, string]>;
  params: Record<string, string>;
};

export function digest(raw: Array<[string, string]>): string {
  return createHash("sha256").update(JSON.stringify(raw)).digest("hex");
}

/** Parameters that would let someone reuse a token or forge a state: never shown in the admin. */
export const HIDDEN_PARAMS = new Set(["upload_token", "state", "oauth_signature"]);

export function excerpt(raw: Array<[string, string]>): string {
  const text = new URLSearchParams(raw.slice(0, 20).map(([k, v]) => [k.slice(0, 40), HIDDEN_PARAMS.has(k) ? "(hidden)" : v.slice(0, 80)])).toString();
  return storable(text, EXCERPT_CHARS);
}

export async function audit(a: AuditInput): Promise<void> {
  const full = a.outcome === "accepted";
  await db().callbackEvent.create({
    data: {
      method: a.method.slice(0, 8),
      background: a.background ?? false,
      outcome: a.outcome,
      reason: a.reason === undefined ? undefined : storable(a.reason, REASON_CHARS),
      tokenId: a.tokenId,
      uploadId: a.uploadId,
      ip: a.ip?.slice(0, 64),
      params: full ? (a.params as Prisma.InputJsonValue) : Prisma.DbNull,
      paramsSha256: digest(a.raw),
      excerpt: full ? null : excerpt(a.raw),
    },
  });
}

/** Delete non-accepted audit rows older than the retention (run daily by lib/jobs). */
export async function sweepCallbackAudit(now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - env().CALLBACK_AUDIT_RETENTION_DAYS * 24 * 60 * 60_000);
  const { count } = await db().callbackEvent.deleteMany({ where: { outcome: { not: "accepted" }, receivedAt: { lt: cutoff } } });
  return count;
}
