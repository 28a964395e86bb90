// The callback's one round trip (issue #20): for a callback whose state checks out and whose
// parameters are well formed, one call of the SQL function intake_callback_claim (migration
// 20261127170000_callback_claim) does the limits, the token checks, the lock, the duplicate and
// max_uploads checks, the insert and the audit row. It answers 'fallback' for anything it would
// refuse; lib/intake/callback.ts then takes its TypeScript path, which words and audits every
// refusal exactly as before, so the fast path can only accept what that path would accept.
import { Prisma } from "@/generated/prisma/client";
import { directQuery } from "@/lib/db-direct";
import { env } from "@/lib/env";
import { CALLBACK_LIMITS } from "@/lib/limits";
import { digest, excerpt } from "./callback-audit";

export type Claim =
  | { outcome: "accepted" | "duplicate"; uploadId: string; slug: string; background: boolean }
  | { outcome: "limited"; retryAfterSeconds: number }
  | { outcome: "fallback" };

type Row = { outcome: string; upload_id?: string; slug?: string; background?: boolean; retry_after_ms?: number };

export async function claimCallback(input: {
  tokenId: string;
  nonce: string;
  params: Record<string, string>;
  raw: Array<[string, string]>;
  method: string;
  ip?: string;
  clientKey: string;
  now: Date;
}): Promise<Claim> {
  const { params, now } = input;
  // On the direct pool (lib/db-direct.ts): this is every callback's one statement.
  const [row] = await directQuery<{ r: Row }>(Prisma.sql`
    SELECT intake_callback_claim(
      ${input.tokenId}::uuid, ${input.nonce}, ${params.upload_token ?? ""}, ${(params.domain ?? "").toLowerCase()},
      ${params.photo_id}, ${params.tree_id}, ${params.token},
      ${input.clientKey}, ${CALLBACK_LIMITS.perClient.max}::int, ${CALLBACK_LIMITS.perClient.windowMs}::bigint,
      ${CALLBACK_LIMITS.perToken.max}::int, ${CALLBACK_LIMITS.perToken.windowMs}::bigint, ${env().CALLBACK_GRACE_MINUTES * 60_000}::bigint, ${now}::timestamptz,
      ${input.method}, ${input.ip ?? null}, ${JSON.stringify(params)}::jsonb, ${digest(input.raw)}, ${excerpt(input.raw)}
    ) AS r`);
  const r = row?.r;
  if (!r) return { outcome: "fallback" };
  if (r.outcome === "limited") return { outcome: "limited", retryAfterSeconds: Math.max(1, Math.ceil(Number(r.retry_after_ms) / 1000)) };
  if ((r.outcome === "accepted" || r.outcome === "duplicate") && r.upload_id && r.slug !== undefined) {
    return { outcome: r.outcome, uploadId: r.upload_id, slug: r.slug, background: Boolean(r.background) };
  }
  return { outcome: "fallback" };
}
