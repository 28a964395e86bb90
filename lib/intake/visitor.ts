// One press of Upload, shared by both intake actions (lib/intake/actions.ts): the link (open?
// members only?), the visitor's details, the limits and the token. Issue #20 shaped it: the link
// may come from this instance's cache (link-cache.ts) and is then re-checked inside the mint's
// limits statement, together with the intake gate's limit for a JavaScript call (request.ts) and
// the token's INSERT (mint.ts), so a mint usually costs one statement besides TwentyThree's call.
// When the cached link no longer holds, the press is judged again on a fresh lookup, once; the
// gate was already counted by then.
// Refusals speak the visitor's language (issue #18, words.ts): the link's, else the browser's.
import "server-only";
import type { IntakeLink } from "@/generated/prisma/client";
import { auth } from "@/auth";
import type { FieldErrors } from "@/lib/field-errors";
import { inviteForMint, markStarted } from "@/lib/invitations/access";
import { checkRecording, recordingSettings } from "@/lib/recording/settings";
import type { RecordingMeta } from "@/lib/recording/types";
import { parseDetails } from "./details";
import { freshLink, linkForAction } from "./link-cache";
import { mintToken, type Minted } from "./mint";
import { actionGate, gateRefusal, requesterIp } from "./request";
import { visitorWords } from "./words";

type Visitor = { ok: true; link: IntakeLink; userId?: string; contributor?: { name?: string; email?: string } };
export type Refused = { ok: false; message: string; retryable?: boolean; fieldErrors?: FieldErrors };

/** The open link and, for members-only links, the signed-in member; checked in every action. */
async function resolveVisitor(lookup: Awaited<ReturnType<typeof freshLink>>): Promise<Visitor | { ok: false; message: string }> {
  if (lookup.kind !== "open") return { ok: false, message: (await visitorWords()).closed(lookup.kind) };
  if (!lookup.link.membersOnly) return { ok: true, link: lookup.link };
  const session = await auth();
  if (!session?.user?.id) return { ok: false, message: (await visitorWords(lookup.link.language)).t("signIn") };
  return {
    ok: true,
    link: lookup.link,
    userId: session.user.id,
    contributor: { name: session.user.name ?? undefined, email: session.user.email ?? undefined },
  };
}

export async function mintForVisitor(
  slug: string,
  values: Record<string, string>,
  opts: { fileCount?: number; background?: boolean; recording?: RecordingMeta; deferDetails?: boolean } = {},
): Promise<Refused | (Minted & { link: IntakeLink })> {
  let gate = await actionGate();
  let { lookup, guard } = await linkForAction(slug);
  let language: string | null | undefined; // the link's language once known, for the gate's refusal
  for (;;) {
    // A refusal is never judged on a cached link: the link may have changed since it was cached
    // (another instance, or an admin a moment ago), so the press is judged again on a fresh lookup.
    // The gate has not been counted yet, so it stays for that second judgement.
    const refuse = async (r: Refused): Promise<Refused | null> => {
      if (guard) {
        [lookup, guard] = [await freshLink(slug), undefined];
        return null;
      }
      // A press that mints nothing still counts against the gate, on its own.
      const wait = await gateRefusal(gate);
      if (wait === undefined) return r;
      const words = await visitorWords(language);
      return { ok: false, message: words.mint({ code: "tooMany", retryAfterSeconds: wait }), retryable: true };
    };
    const visitor = await resolveVisitor(lookup);
    if (lookup.kind !== "unknown") language = lookup.link.language;
    if (!visitor.ok) {
      const r = await refuse({ ok: false, message: visitor.message });
      if (r) return r;
      continue;
    }
    const { link, userId, contributor } = visitor;
    const words = await visitorWords(link.language);
    // Issue #15: a recording must be one the link asks for; a file (always, without JavaScript), one the link takes.
    const recorded = checkRecording(recordingSettings(link), opts.recording, opts.fileCount ?? 1);
    if (!recorded.ok) {
      const r = await refuse({ ok: false, message: words.more(recorded.code, recorded.values) });
      if (r) return r;
      continue;
    }
    if (opts.deferDetails && !opts.recording) {
      const r = await refuse({ ok: false, message: words.t("detailsFirst") });
      if (r) return r;
      continue;
    }
    // A recording may start uploading before its details (applyDetails sends them later).
    const parsed = opts.deferDetails
      ? { ok: true as const, details: { name: undefined, email: undefined, title: undefined, description: undefined, consent: false } }
      : parseDetails(link, values, { member: Boolean(userId) }, words.details, words.locale);
    if (!parsed.ok) {
      const r = await refuse({ ok: false, fieldErrors: parsed.fieldErrors, message: words.t("checkFields") });
      if (r) return r;
      continue;
    }
    // Issue #17: a personal invitation, checked against the database (signature, link, revoked, expired).
    const invite = await inviteForMint(link.id, values.invite);
    if (!invite.ok) {
      const r = await refuse({ ok: false, message: words.more(`invite_${invite.reason}`) });
      if (r) return r;
      continue;
    }
    const minted = await mintToken({
      invitationId: invite.invitationId,
      recording: opts.recording,
      question: recorded.question,
      deferDetails: opts.deferDetails,
      link,
      details: parsed.details,
      requesterIp: await requesterIp(),
      userId,
      contributor,
      background: opts.background,
      maxUploads: opts.fileCount === undefined ? undefined : Math.min(opts.fileCount, link.maxUploads),
      gate,
      guard,
      locale: words.locale,
    });
    if (minted.ok) {
      if (invite.invitationId) await markStarted(invite.invitationId);
      return { ...minted, link };
    }
    if (!minted.stale || !guard) return { ok: false, message: words.mint(minted), retryable: minted.retryable };
    // The cached link changed since (or its quota filled): judge this press on the link as it is now.
    [lookup, guard, gate] = [await freshLink(slug), undefined, undefined];
  }
}
