// Minting an upload token just in time, with the connection's stored credentials. The token row
// records who asked, when, what was sent and until when it is valid; credentials never leave
// the server.
import "server-only";
import { randomUUID } from "node:crypto";
import { Prisma, type IntakeLink } from "@/generated/prisma/client";
import { clientFor } from "@/lib/connections";
import { db } from "@/lib/db";
import { directQuery } from "@/lib/db-direct";
import { env } from "@/lib/env";
import { isReservedVariable } from "@/lib/links/reserved";
import { log } from "@/lib/log";
import { redeemUrl, twentyThreeErrorOf, type TwentyThreeClient } from "@/lib/twentythree";
import { consumeBehind, hints, MINT_LIMITS, type GuardedResult, type Limit } from "@/lib/limits";
import { videoTitle } from "@/lib/recording/settings";
import type { Question, RecordingMeta } from "@/lib/recording/types";
import type { Details } from "./details";
import { withConsent } from "@/lib/contributor/consent";
import { loadedConnection } from "./links";
import { tooManyStarted } from "./request";
import { newStateNonce, signState, signTicket } from "./signing";

export type Minted = {
  ok: true;
  tokenId: string;
  ticket: string;
  uploadToken: string;
  redeemUrl: string;
  validUntil: Date;
  maxUploads: number;
};
/** `code` names the refusal in the visitor's catalogue (messages/*.json "refusals"); `message` is the English. */
export type MintRefusal = "notConnected" | "tooMany" | "changed" | "unavailable" | "refused" | "failed";
/** `stale`: the cached link no longer holds (link-cache.ts); the press is judged again on a fresh one. */
export type MintFailure = { ok: false; code: MintRefusal; message: string; retryable: boolean; retryAfterSeconds?: number; stale?: true };

export function callbackUrl(): string {
  return `${env().appUrl}/api/twentythree/callback`;
}

/** The link's custom variables minus any reserved name: a link stored before names were checked
 * (or written to the database directly) must not override the signed state or a real parameter. */
function customVariables(link: IntakeLink): Record<string, string> {
  const raw = link.customVariables;
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return {};
  const entries = Object.entries(raw).filter(([, v]) => typeof v === "string" || typeof v === "number");
  const dropped = entries.filter(([k]) => isReservedVariable(k)).map(([k]) => k);
  if (dropped.length) log.warn("minting: reserved custom variable names ignored", { link: link.slug, names: dropped.slice(0, 10) });
  return Object.fromEntries(entries.filter(([k]) => !isReservedVariable(k)).map(([k, v]) => [k, String(v)]));
}

/** The meta as stored with the token, with the question texts as the visitor saw them: the
 * chapters keep those words even if the admin edits the questions later. */
function recordingRecord(meta: RecordingMeta | undefined, question: Question | undefined, link: IntakeLink): string | null {
  if (!meta) return null;
  const asked = Array.isArray(link.questions) ? (link.questions as Question[]) : [];
  const ids = new Set([...(meta.marks ?? []).map((m) => m.questionId), ...(meta.questionId ? [meta.questionId] : [])]);
  const texts = Object.fromEntries(asked.filter((q) => ids.has(q.id)).map((q) => [q.id, q.text]));
  if (question) texts[question.id] = question.text;
  return JSON.stringify({ ...meta, texts });
}

export async function mintToken(input: {
  link: IntakeLink;
  details: Details;
  requesterIp?: string;
  userId?: string;
  contributor?: { name?: string; email?: string };
  background?: boolean;
  maxUploads?: number;
  /** Issue #15: a recording's meta, already checked against the link (lib/recording/settings.ts). */
  recording?: RecordingMeta;
  /** The question a clip answers (its title names it). */
  question?: Question;
  /** The details come later through applyDetails. */
  deferDetails?: boolean;
  /** The personal invitation (issue #17) the visitor came with, already checked. */
  invitationId?: string;
  /** The intake gate's limit when the action counts it (lib/intake/request.ts actionGate). */
  gate?: Limit;
  /** For a link from link-cache.ts: the check that it still holds, made with the limits. */
  guard?: Prisma.Sql;
  /** Issue #18: the language the visitor saw, for the mail they get later (receipt, reminders). */
  locale?: string;
}): Promise<Minted | MintFailure> {
  const { link, details } = input;
  // lookupLink already loaded the connection with the link (one round trip); look it up only for
  // a link that came from elsewhere.
  const connection =
    loadedConnection(link) ??
    (await db().connection.findUnique({ where: { id: link.connectionId }, select: { id: true, apiUrl: true, credentialsEnc: true } }));
  if (!connection)
    return {
      ok: false,
      code: "notConnected",
      message: "This upload link is not connected to a video library. Please tell the team that sent it.",
      retryable: false,
    };

  const name = input.contributor?.name ?? details.name;
  const email = input.contributor?.email ?? details.email;
  const limits = [
    ...(input.requesterIp ? [{ key: `mint:ip:${input.requesterIp}`, ...MINT_LIMITS.perIp }] : []),
    { key: `mint:link:${link.id}`, ...MINT_LIMITS.perLink },
    ...(email ? [{ key: `mint:visitor:${link.id}:${email.toLowerCase()}`, ...MINT_LIMITS.perVisitor }] : []),
  ];
  // Issue #20: when this instance knows of no limit near its maximum (lib/limits.ts hints), ask
  // TwentyThree first, then count every limit, check the cached link and store the token in one
  // statement: a mint costs one database round trip, as the bench's floor does. Otherwise count
  // first, as before, and ask TwentyThree only for a press within its limits.
  const release = hints.claim(input.gate ? [input.gate, ...limits] : limits);
  const refusedBy = (limited: Exclude<GuardedResult, { ok: true }>): MintFailure => {
    // The cached link no longer holds: nothing behind the gate was counted; the caller looks it up afresh.
    if ("stale" in limited) return { ok: false, stale: true, code: "changed", message: "This upload link has changed. Please try again.", retryable: true };
    log.warn("minting refused: rate limit", { link: link.slug, limit: limited.key.split(":").slice(0, 2).join(":") });
    return { ok: false, code: "tooMany", message: tooManyStarted(limited.retryAfterSeconds), retryable: true, retryAfterSeconds: limited.retryAfterSeconds };
  };
  if (!release) {
    const limited = await consumeBehind(input.gate, limits, { guard: input.guard, hint: true });
    if (!limited.ok) return refusedBy(limited);
  }

  const id = randomUUID();
  const nonce = newStateNonce();
  const maxUploads = Math.min(Math.max(input.maxUploads ?? link.maxUploads, 1), 100);
  const params = {
    returnUrl: callbackUrl(),
    backgroundReturn: input.background ?? false,
    albumIds: link.albumIds,
    title: videoTitle(link.title, { title: details.title, name }, input.question),
    description: details.description ?? "",
    tags: link.tags,
    publish: link.publish,
    validMinutes: link.validMinutes,
    maxUploads,
    customVariables: withConsent(customVariables(link), details.consent ? link.consentText : null),
  };
  try {
    let token: Awaited<ReturnType<TwentyThreeClient["getUploadToken"]>>;
    try {
      token = await clientFor(connection, { timeoutMs: 10_000 }).getUploadToken({ ...params, extra: { state: signState(id, nonce) } });
    } catch (err) {
      // A press that got no token still counts, as when the limits were counted first; over a
      // limit, that is the answer (it would have been before TwentyThree was asked).
      if (release) {
        const limited = await consumeBehind(input.gate, limits, { guard: input.guard, hint: true }).catch(() => ({ ok: true }) as const);
        if (!limited.ok && !("stale" in limited)) return refusedBy(limited);
      }
      throw err;
    }
    // The token's row: one INSERT on the direct pool (lib/db-direct.ts); Prisma's create would also read the whole row back.
    const consentAt = details.consent ? new Date() : null;
    const recording = recordingRecord(input.recording, input.question, link);
    const row = {
      into: Prisma.sql`upload_tokens (id, connection_id, link_id, upload_token, state_nonce, user_id, requester_ip, contributor_name, contributor_email,
        title, description, consent_text, consent_at, consent_version_id, consent_ip, params, max_uploads, background_return, valid_until, recording, response_id, details_deferred, invitation_id, locale)`,
      values: Prisma.sql`${id}::uuid, ${connection.id}::uuid, ${link.id}::uuid, ${token.uploadToken}, ${nonce}, ${input.userId ?? null}::uuid, ${input.requesterIp ?? null},
        ${name ?? null}, ${email ?? null}, ${params.title}, ${params.description || null}, ${details.consent ? link.consentText : null}, ${consentAt}::timestamptz,
        consent_version_for(${link.id}::uuid, ${details.consent ? link.consentText : null}::text), ${details.consent && env().CONSENT_STORE_IP ? (input.requesterIp ?? null) : null},
        ${JSON.stringify({ ...params, albumIds: [...params.albumIds], tags: [...params.tags] })}::jsonb, ${token.maxUploads || maxUploads}::int, ${params.backgroundReturn}, ${token.validUntil}::timestamptz,
        ${recording}::jsonb, ${input.recording?.responseId ?? null}::uuid, ${input.deferDetails ?? false}, ${input.invitationId ?? null}::uuid, ${input.locale ?? null}`,
    };
    if (release) {
      const stored = await consumeBehind(input.gate, limits, { guard: input.guard, insert: row, hint: true });
      if (!stored.ok) {
        // TwentyThree's token is never handed out: it expires unused (validMinutes) there.
        log.info("minted token discarded: the press was not within its limits or the link changed", { link: link.slug });
        return refusedBy(stored);
      }
    } else {
      await directQuery(Prisma.sql`INSERT INTO ${row.into} SELECT ${row.values}`);
    }
    log.info("upload token minted", { link: link.slug, tokenId: id, maxUploads });
    return {
      ok: true,
      tokenId: id,
      ticket: signTicket(id),
      uploadToken: token.uploadToken,
      redeemUrl: redeemUrl(connection.apiUrl),
      validUntil: token.validUntil,
      maxUploads: token.maxUploads || maxUploads,
    };
  } catch (err) {
    const tt = twentyThreeErrorOf(err);
    // A bare HTTP error (even a 4xx from a proxy) is TwentyThree being unavailable to the visitor, not a refusal.
    if (tt && (tt.transient || tt.code === "http_error")) {
      log.warn("minting failed: TwentyThree unavailable", { link: link.slug, code: tt.code });
      return {
        ok: false,
        code: "unavailable",
        message: "The video platform is not answering right now, so the upload cannot start. Please try again in a minute.",
        retryable: true,
      };
    }
    if (tt) {
      log.error("minting refused by TwentyThree", { link: link.slug, code: tt.code, message: tt.safeMessage });
      return {
        ok: false,
        code: "refused",
        message: "The video platform refused to prepare this upload. The team behind this link has been told; please try again later.",
        retryable: false,
      };
    }
    log.error("minting failed", { link: link.slug, error: (err as Error).message });
    return { ok: false, code: "failed", message: "Something went wrong while preparing your upload. Please try again.", retryable: true };
  } finally {
    release?.();
  }
}
