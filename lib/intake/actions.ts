"use server";
// The public intake actions, declared through lib/server/action.ts. Anyone may call them; the
// link itself decides (open? members only?) in lib/intake/visitor.ts, checked in every action.
import { redirect } from "next/navigation";
import type { FieldErrors } from "@/lib/intake/details";
import { closedMessages } from "@/lib/intake/links";
import { mintForVisitor } from "@/lib/intake/visitor";
import { DETAIL_KEYS, prepareUploadSchema, startUploadSchema } from "@/lib/intake/schema";
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
    const minted = await mintForVisitor(input.slug, input.values, { fileCount: input.fileCount, background: input.background });
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
export async function prepareUpload(slug: string, values: Record<string, string>, opts: { fileCount: number; background: boolean }): Promise<PrepareResult> {
  return prepare({ slug, values, fileCount: opts?.fileCount, background: opts?.background }, undefined);
}
