// Issue #15: the visitor fills the details form while their recording uploads. The token was
// minted without them (prepareUpload with deferDetails); this checks them exactly as the mint
// would, stores them and sends title and description to TwentyThree with update-upload-token,
// which changes the objects already made with the token as well as those still to come.
//
// Abuse: the signed ticket is the only key (only its holder, never a token id or upload token);
// only tokens minted with deferred details, only once, only while the token is still valid and
// before staff moderated anything made with it, on a link that still takes uploads.
import "server-only";
import { clientFor } from "@/lib/connections";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { videoTitle } from "@/lib/recording/settings";
import { twentyThreeErrorOf } from "@/lib/twentythree";
import { parseDetails, type FieldErrors } from "./details";
import { verifyTicket } from "./signing";

export type ApplyResult = { ok: true } | { ok: false; fieldErrors?: FieldErrors; message: string; retryable?: boolean };

const MODERATED = new Set(["PUBLISHED", "REJECTED", "DELETED", "DISOWNED"]);
const cannotChange: ApplyResult = { ok: false, message: "The details of this upload can no longer be changed." };

/** `visitor` is what the action learned of the caller: the open link's slug and the signed-in member. */
export async function applyDetailsFor(
  ticket: string,
  values: Record<string, string>,
  visitor: (slug: string) => Promise<{ ok: true; userId?: string; contributor?: { name?: string; email?: string } } | { ok: false; message: string }>,
  now = new Date(),
): Promise<ApplyResult> {
  const tokenId = verifyTicket(ticket);
  if (!tokenId) return cannotChange;
  const token = await db().uploadToken.findUnique({
    where: { id: tokenId },
    include: { link: true, connection: { select: { apiUrl: true, credentialsEnc: true } }, uploads: { select: { state: true } } },
  });
  if (!token || !token.detailsDeferred) return cannotChange;
  const who = await visitor(token.link.slug);
  if (!who.ok) return { ok: false, message: who.message };
  // A members-only link's ticket only works for the member who started the upload.
  if (token.userId && token.userId !== who.userId) return cannotChange;
  if (token.detailsAppliedAt || token.status === "EXPIRED" || token.validUntil <= now || token.uploads.some((u) => MODERATED.has(u.state))) return cannotChange;

  const parsed = parseDetails(token.link, values, { member: Boolean(who.userId) });
  if (!parsed.ok) return { ok: false, fieldErrors: parsed.fieldErrors, message: "Please check the highlighted fields." };
  const d = parsed.details;
  const name = who.contributor?.name ?? d.name ?? null;
  const email = who.contributor?.email ?? d.email ?? null;
  const rec = token.recording as { questionId?: string; texts?: Record<string, string> } | null;
  const questionText = rec?.questionId ? rec.texts?.[rec.questionId] : undefined;
  const title = videoTitle(
    token.link.title,
    { title: d.title, name: name ?? undefined },
    questionText ? { id: rec!.questionId!, text: questionText } : undefined,
  );
  const description = d.description ?? "";

  // Claimed first (one statement), so two submissions race to one winner; released if TwentyThree fails.
  const claimed = await db().uploadToken.updateMany({
    where: { id: token.id, detailsAppliedAt: null },
    data: {
      detailsAppliedAt: now,
      title,
      description: description || null,
      contributorName: name,
      contributorEmail: email,
      consentText: d.consent ? token.link.consentText : null,
      consentAt: d.consent ? now : null,
    },
  });
  if (claimed.count !== 1) return cannotChange;
  try {
    await clientFor(token.connection, { timeoutMs: 10_000 }).updateUploadToken({ uploadToken: token.uploadToken, title, description });
  } catch (err) {
    await db().uploadToken.update({ where: { id: token.id }, data: { detailsAppliedAt: null } });
    const tt = twentyThreeErrorOf(err);
    log.warn("details not applied: TwentyThree refused or unavailable", { tokenId: token.id, code: tt?.code ?? "unknown" });
    return {
      ok: false,
      retryable: true,
      message: "The video platform is not answering right now. Your upload continues; please send your details again in a minute.",
    };
  }
  await db().upload.updateMany({ where: { tokenId: token.id }, data: { title, contributorName: name, contributorEmail: email } });
  log.info("upload details applied", { tokenId: token.id });
  return { ok: true };
}
