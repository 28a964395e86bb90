"use server";
// The public intake actions, declared through lib/server/action.ts. Anyone may call them; the
// link itself decides (open? members only?) in resolveVisitor, checked in every action.
import { redirect } from "next/navigation";
import { auth } from "@/auth";
import type { FieldErrors } from "@/lib/field-errors";
import { parseDetails } from "@/lib/intake/details";
import { closedMessages, lookupLink } from "@/lib/intake/links";
import { mintToken } from "@/lib/intake/mint";
import { requesterIp } from "@/lib/intake/request";
import { applyDetailsFor, type ApplyResult } from "@/lib/intake/apply-details";
import { applyDetailsSchema, DETAIL_KEYS, prepareUploadSchema, startUploadSchema } from "@/lib/intake/schema";
import { checkRecording, recordingSettings } from "@/lib/recording/settings";
import type { RecordingMeta } from "@/lib/recording/types";
import { inviteForMint, markStarted } from "@/lib/invitations/access";
import { defineAction, formAction } from "@/lib/server/action";
import { visitorWords } from "@/lib/intake/words";

export type DetailsState = {
  ok?: boolean;
  fieldErrors?: FieldErrors;
  message?: string;
  retryable?: boolean;
  values?: Record<string, string>;
};

function formValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of DETAIL_KEYS) {
    const v = formData.get(k);
    if (typeof v === "string") out[k] = v.slice(0, 10_000);
  }
  return out;
}

type Visitor = {
  ok: true;
  link: Extract<Awaited<ReturnType<typeof lookupLink>>, { kind: "open" }>["link"];
  userId?: string;
  contributor?: { name?: string; email?: string };
};

/** The open link and, for members-only links, the signed-in member; checked in every action. */
async function resolveVisitor(slug: string): Promise<Visitor | { ok: false; message: string }> {
  const r = await lookupLink(slug);
  if (r.kind !== "open") return { ok: false, message: (await visitorWords()).closed(r.kind) };
  if (!r.link.membersOnly) return { ok: true, link: r.link };
  const session = await auth();
  if (!session?.user?.id) return { ok: false, message: (await visitorWords(r.link.language)).t("signIn") };
  return { ok: true, link: r.link, userId: session.user.id, contributor: { name: session.user.name ?? undefined, email: session.user.email ?? undefined } };
}

/** Step one without JavaScript: validate the visitor's details, mint a token, go to the upload step. */
export const startUpload = formAction<"anyone", typeof startUploadSchema, DetailsState>({
  name: "startUpload",
  who: "anyone",
  schema: startUploadSchema,
  read: (f) => ({ slug: String(f.get("slug") ?? ""), values: formValues(f) }),
  // A malformed slug names no link: the same answer as an unknown one.
  // Only a forged request gets here (the page always sends a slug): English, like the admin.
  invalid: (_error, f) => ({ message: closedMessages.unknown.title + ".", values: formValues(f) }),
  run: async ({ slug, values }) => {
    const visitor = await resolveVisitor(slug);
    if (!visitor.ok) return { message: visitor.message, values };
    const { link, userId, contributor } = visitor;
    const words = await visitorWords(link.language);
    // Without JavaScript only a file can be sent: refused on a link that takes recordings only.
    const files = checkRecording(recordingSettings(link), undefined, 1);
    if (!files.ok) return { message: files.message, values };
    const parsed = parseDetails(link, values, { member: Boolean(userId) }, words.details);
    if (!parsed.ok) return { fieldErrors: parsed.fieldErrors, message: words.t("checkFields"), values };
    const invite = await inviteForMint(link.id, values.invite);
    if (!invite.ok) return { message: invite.message, values };
    const minted = await mintToken({
      link,
      details: parsed.details,
      requesterIp: await requesterIp(),
      userId,
      contributor,
      invitationId: invite.invitationId,
      locale: words.locale,
    });
    if (!minted.ok) return { message: words.mint(minted), retryable: minted.retryable, values };
    if (invite.invitationId) await markStarted(invite.invitationId);
    redirect(`/u/${slug}/upload?ticket=${encodeURIComponent(minted.ticket)}`);
  },
});

export type PreparedToken = { uploadToken: string; redeemUrl: string; ticket: string; validUntil: string; maxUploads: number };
export type PrepareResult = { ok: true; token: PreparedToken } | { ok: false; fieldErrors?: FieldErrors; message: string; retryable?: boolean };

const prepare = defineAction<"anyone", typeof prepareUploadSchema, PrepareResult>({
  name: "prepareUpload",
  who: "anyone",
  schema: prepareUploadSchema,
  invalid: () => ({ ok: false, message: "Something went wrong while preparing your upload. Please reload the page and try again." }),
  run: async (input) => {
    const visitor = await resolveVisitor(input.slug);
    if (!visitor.ok) return { ok: false, message: visitor.message };
    const { link, userId, contributor } = visitor;
    const words = await visitorWords(link.language);
    // Issue #15: a recording must be one the link asks for; a file, one the link takes.
    const recorded = checkRecording(recordingSettings(link), input.recording, input.fileCount);
    if (!recorded.ok) return { ok: false, message: recorded.message };
    if (input.deferDetails && !input.recording) return { ok: false, message: words.t("detailsFirst") };
    const parsed = input.deferDetails
      ? { ok: true as const, details: { name: undefined, email: undefined, title: undefined, description: undefined, consent: false } }
      : parseDetails(link, input.values, { member: Boolean(userId) }, words.details);
    if (!parsed.ok) return { ok: false, fieldErrors: parsed.fieldErrors, message: words.t("checkFields") };
    const invite = await inviteForMint(link.id, input.values.invite);
    if (!invite.ok) return { ok: false, message: invite.message };
    const maxUploads = Math.min(input.fileCount, link.maxUploads);
    const minted = await mintToken({
      invitationId: invite.invitationId,
      link,
      details: parsed.details,
      requesterIp: await requesterIp(),
      userId,
      contributor,
      background: input.background,
      maxUploads,
      recording: input.recording,
      question: recorded.question,
      deferDetails: input.deferDetails,
      locale: words.locale,
    });
    if (!minted.ok) return { ok: false, message: words.mint(minted), retryable: minted.retryable };
    if (invite.invitationId) await markStarted(invite.invitationId);
    return {
      ok: true,
      token: {
        uploadToken: minted.uploadToken,
        redeemUrl: minted.redeemUrl,
        ticket: minted.ticket,
        validUntil: minted.validUntil.toISOString(),
        maxUploads: minted.maxUploads,
      },
    };
  },
});

/**
 * With JavaScript: validate the details and mint a token for `fileCount` files (never more than
 * the link allows), just when the visitor presses Upload. The browser sends the files straight
 * to `redeemUrl`; the ticket lets it follow the uploads' state.
 */
export async function prepareUpload(
  slug: string,
  values: Record<string, string>,
  opts: { fileCount: number; background: boolean; recording?: RecordingMeta; deferDetails?: boolean },
): Promise<PrepareResult> {
  return prepare(
    { slug, values, fileCount: opts?.fileCount, background: opts?.background, recording: opts?.recording, deferDetails: opts?.deferDetails },
    undefined,
  );
}

export type { ApplyResult };

const apply = defineAction<"anyone", typeof applyDetailsSchema, ApplyResult>({
  name: "applyDetails",
  who: "anyone",
  schema: applyDetailsSchema,
  invalid: () => ({ ok: false, message: "The details of this upload can no longer be changed." }),
  run: async ({ ticket, values }) =>
    applyDetailsFor(
      ticket,
      values,
      async () => {
        const user = (await auth())?.user;
        return user?.id ? { id: user.id, name: user.name ?? undefined, email: user.email ?? undefined } : null;
      },
      new Date(),
      await requesterIp(),
    ),
});

/**
 * Issue #15: the details of an upload minted with `deferDetails` (a recording that starts
 * uploading at once), checked like at the mint and sent to TwentyThree; once per ticket.
 */
export async function applyDetails(ticket: string, values: Record<string, string>): Promise<ApplyResult> {
  return apply({ ticket, values }, undefined);
}
