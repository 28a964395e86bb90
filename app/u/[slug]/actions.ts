"use server";

import { redirect } from "next/navigation";
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

/** Step one without JavaScript: validate the visitor's details, mint a token, go to the upload step. */
export async function startUpload(_prev: DetailsState, formData: FormData): Promise<DetailsState> {
  const slug = String(formData.get("slug") ?? "");
  const values = formValues(formData);
  const r = await lookupLink(slug);
  if (r.kind !== "open") return { message: closedMessages[r.kind].title + ".", values };
  let userId: string | undefined;
  let contributor: { name?: string; email?: string } | undefined;
  if (r.link.membersOnly) {
    const session = await auth();
    if (!session?.user?.id) return { message: "Please sign in to upload to this link.", values };
    userId = session.user.id;
    contributor = { name: session.user.name ?? undefined, email: session.user.email ?? undefined };
  }
  const parsed = parseDetails(r.link, values, { member: Boolean(userId) });
  if (!parsed.ok) return { fieldErrors: parsed.fieldErrors, message: "Please check the highlighted fields.", values };
  const minted = await mintToken({ link: r.link, details: parsed.details, requesterIp: await requesterIp(), userId, contributor });
  if (!minted.ok) return { message: minted.message, retryable: minted.retryable, values };
  redirect(`/u/${slug}/upload?ticket=${encodeURIComponent(minted.ticket)}`);
}
