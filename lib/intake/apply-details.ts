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
import type { FieldErrors } from "@/lib/field-errors";
import { env } from "@/lib/env";
import { parseDetails } from "./details";
import { verifyTicket } from "./signing";
import { visitorWords } from "./words";

export type ApplyResult = { ok: true } | { ok: false; fieldErrors?: FieldErrors; message: string; retryable?: boolean };

const MODERATED = new Set(["PUBLISHED", "REJECTED", "DELETED", "DISOWNED"]);
/** The refusals in the visitor's language (issue #18): as the intake page decides it for the token's link. */
const refusal = async (key: "cannotChange" | "signIn", language?: string | null): Promise<ApplyResult> => ({
  ok: false,
  message: (await visitorWords(language)).t(key),
});

type Member = { id: string; name?: string; email?: string } | null;

/**
 * `member` reads the signed-in member, if any. The link need not still be open: its quota may be
 * full or it may have closed because of this very upload; a deleted link takes nothing.
 */
export async function applyDetailsFor(
  ticket: string,
  values: Record<string, string>,
  member: () => Promise<Member>,
  now = new Date(),
  requesterIp?: string,
): Promise<ApplyResult> {
  const tokenId = verifyTicket(ticket);
  if (!tokenId) return refusal("cannotChange");
  const token = await db().uploadToken.findUnique({
    where: { id: tokenId },
    include: { link: true, connection: { select: { apiUrl: true, credentialsEnc: true } }, uploads: { select: { state: true } } },
  });
  if (!token || !token.detailsDeferred) return refusal("cannotChange");
  const language = token.link.language;
  const cannotChange = () => refusal("cannotChange", language);
  if (token.link.deletedAt) return cannotChange();
  const m = token.link.membersOnly || token.userId ? await member() : null;
  if (token.link.membersOnly && !m) return refusal("signIn", language);
  // A members-only link's ticket only works for the member who started the upload.
  if (token.userId && token.userId !== m?.id) return cannotChange();
  const who = { userId: m?.id, contributor: m ? { name: m.name, email: m.email } : undefined };
  if (token.detailsAppliedAt || token.status === "EXPIRED" || token.validUntil <= now || token.uploads.some((u) => MODERATED.has(u.state)))
    return cannotChange();

  const words = await visitorWords(language);
  const parsed = parseDetails(token.link, values, { member: Boolean(who.userId) }, words.details, words.locale);
  if (!parsed.ok) return { ok: false, fieldErrors: parsed.fieldErrors, message: words.t("checkFields") };
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
  if (claimed.count !== 1) return cannotChange();
  if (d.consent) {
    // Issue #17: the agreement points at the consent version it saw, as at the mint (the function adds a version if the text is new).
    const ip = env().CONSENT_STORE_IP ? (requesterIp ?? null) : null;
    await db()
      .$executeRaw`UPDATE upload_tokens SET consent_version_id = consent_version_for(link_id, consent_text), consent_ip = ${ip} WHERE id = ${token.id}::uuid`;
  }
  try {
    await clientFor(token.connection, { timeoutMs: 10_000 }).updateUploadToken({ uploadToken: token.uploadToken, title, description });
  } catch (err) {
    await db().uploadToken.update({ where: { id: token.id }, data: { detailsAppliedAt: null } });
    const tt = twentyThreeErrorOf(err);
    log.warn("details not applied: TwentyThree refused or unavailable", { tokenId: token.id, code: tt?.code ?? "unknown" });
    return {
      ok: false,
      retryable: true,
      message: words.more("detailsRetry"),
    };
  }
  await db().upload.updateMany({ where: { tokenId: token.id }, data: { title, contributorName: name, contributorEmail: email } });
  log.info("upload details applied", { tokenId: token.id });
  return { ok: true };
}
