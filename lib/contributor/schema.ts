// Inputs of the contributor page's actions (issue #17). The receipt is only bounded here; it is
// checked (signature, revocation, expiry) by lib/contributor/receipt.ts before anything happens.
import { z } from "zod";

const receipt = z.string().min(10).max(200);

/** The withdraw form's refusals, as keys of "visitorRefusals": the action words them in the page's language. */
export const WITHDRAW_FORM_KEYS = ["confirmWithdraw", "reasonTooLong"] as const;
export const isWithdrawFormKey = (m: unknown): m is (typeof WITHDRAW_FORM_KEYS)[number] => (WITHDRAW_FORM_KEYS as readonly unknown[]).includes(m);

export const withdrawSchema = z.object({
  receipt,
  uploadId: z.uuid(),
  confirm: z.literal("yes", { error: "confirmWithdraw" }),
  reason: z.string().trim().max(500, "reasonTooLong").default(""),
});

export const replaceSchema = z.object({ receipt, uploadId: z.uuid() });

/** The page's resumable uploader: a replacement of the same video as the page's pending one. */
export const replaceUploadSchema = z.object({ receipt, replacementId: z.uuid() });

export const revokeReceiptSchema = z.object({ receiptId: z.uuid() });

/** Staff publishing a withdrawn video again: the override needs a reason, recorded with it. */
export const overrideReasonSchema = z
  .string()
  .trim()
  .min(5, "Say why you publish a video whose contributor withdrew consent (at least 5 characters).")
  .max(500);
