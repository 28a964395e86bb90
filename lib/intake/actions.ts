"use server";
// The public intake actions, declared through lib/server/action.ts. Anyone may call them; the
// link itself decides (open? members only?) in lib/intake/visitor.ts, checked in every action.
import { redirect } from "next/navigation";
import { auth } from "@/auth";
import type { FieldErrors } from "@/lib/field-errors";
import { closedMessages } from "@/lib/intake/links";
import { requesterIp } from "@/lib/intake/request";
import { mintForVisitor } from "@/lib/intake/visitor";
import { applyDetailsFor, type ApplyResult } from "@/lib/intake/apply-details";
import { applyDetailsSchema, DETAIL_KEYS, prepareUploadSchema, startUploadSchema } from "@/lib/intake/schema";
import type { RecordingMeta } from "@/lib/recording/types";
import { defineAction, formAction } from "@/lib/server/action";

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
    const minted = await mintForVisitor(slug, values);
    if (!minted.ok) return { fieldErrors: minted.fieldErrors, message: minted.message, retryable: minted.retryable, values };
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
    const minted = await mintForVisitor(input.slug, input.values, {
      fileCount: input.fileCount,
      background: input.background,
      recording: input.recording,
      deferDetails: input.deferDetails,
    });
    if (!minted.ok) return minted;
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
