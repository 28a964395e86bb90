"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { auth } from "@/auth";
import { parseDetails, type FieldErrors } from "@/lib/intake/details";
import { closedMessages, lookupLink } from "@/lib/intake/links";
import { mintToken } from "@/lib/intake/mint";
import { requesterIp } from "@/lib/intake/request";

export type DetailsState = {
  fieldErrors?: FieldErrors;
  message?: string;
  retryable?: boolean;
  values?: Record<string, string>;
};

function formValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ["name", "email", "title", "description", "consent"]) {
    const v = formData.get(k);
    if (typeof v === "string") out[k] = v.slice(0, 10_000);
  }
  return out;
}

type Visitor = { ok: true; link: Extract<Awaited<ReturnType<typeof lookupLink>>, { kind: "open" }>["link"]; userId?: string; contributor?: { name?: string; email?: string } };

/** The open link and, for members-only links, the signed-in member; checked in every action. */
async function resolveVisitor(slug: string): Promise<Visitor | { ok: false; message: string }> {
  const r = await lookupLink(slug);
  if (r.kind !== "open") return { ok: false, message: closedMessages[r.kind].title + "." };
  if (!r.link.membersOnly) return { ok: true, link: r.link };
  const session = await auth();
  if (!session?.user?.id) return { ok: false, message: "Please sign in to upload to this link." };
  return { ok: true, link: r.link, userId: session.user.id, contributor: { name: session.user.name ?? undefined, email: session.user.email ?? undefined } };
}

/** Step one without JavaScript: validate the visitor's details, mint a token, go to the upload step. */
export async function startUpload(_prev: DetailsState, formData: FormData): Promise<DetailsState> {
  const slug = String(formData.get("slug") ?? "");
  const values = formValues(formData);
  const visitor = await resolveVisitor(slug);
  if (!visitor.ok) return { message: visitor.message, values };
  const { link, userId, contributor } = visitor;
  const parsed = parseDetails(link, values, { member: Boolean(userId) });
  if (!parsed.ok) return { fieldErrors: parsed.fieldErrors, message: "Please check the highlighted fields.", values };
  const minted = await mintToken({ link, details: parsed.details, requesterIp: await requesterIp(), userId, contributor });
  if (!minted.ok) return { message: minted.message, retryable: minted.retryable, values };
  redirect(`/u/${slug}/upload?ticket=${encodeURIComponent(minted.ticket)}`);
}

export type PreparedToken = { uploadToken: string; redeemUrl: string; ticket: string; validUntil: string; maxUploads: number };
export type PrepareResult = { ok: true; token: PreparedToken } | { ok: false; fieldErrors?: FieldErrors; message: string; retryable?: boolean };

const prepareInput = z.object({
  slug: z.string().max(64),
  values: z.record(z.string(), z.string().max(10_000)).refine((v) => Object.keys(v).length <= 10),
  fileCount: z.number().int().min(1).max(100),
  // false only when TwentyThree does not allow cross-origin uploads: the browser then posts a
  // plain form and follows the redirect, so the token must not ask for a background call.
  background: z.boolean(),
});

/**
 * With JavaScript: validate the details and mint a token for `fileCount` files (never more than
 * the link allows), just when the visitor presses Upload. The browser sends the files straight
 * to `redeemUrl`; the ticket lets it follow the uploads' state.
 */
export async function prepareUpload(slug: string, values: Record<string, string>, opts: { fileCount: number; background: boolean }): Promise<PrepareResult> {
  const input = prepareInput.safeParse({ slug, values, fileCount: opts?.fileCount, background: opts?.background });
  if (!input.success) return { ok: false, message: "Something went wrong while preparing your upload. Please reload the page and try again." };
  const visitor = await resolveVisitor(input.data.slug);
  if (!visitor.ok) return { ok: false, message: visitor.message };
  const { link, userId, contributor } = visitor;
  const parsed = parseDetails(link, input.data.values, { member: Boolean(userId) });
  if (!parsed.ok) return { ok: false, fieldErrors: parsed.fieldErrors, message: "Please check the highlighted fields." };
  const maxUploads = Math.min(input.data.fileCount, link.maxUploads);
  const minted = await mintToken({ link, details: parsed.details, requesterIp: await requesterIp(), userId, contributor, background: input.data.background, maxUploads });
  if (!minted.ok) return { ok: false, message: minted.message, retryable: minted.retryable };
  return {
    ok: true,
    token: { uploadToken: minted.uploadToken, redeemUrl: minted.redeemUrl, ticket: minted.ticket, validUntil: minted.validUntil.toISOString(), maxUploads: minted.maxUploads },
  };
}
