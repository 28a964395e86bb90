"use server";
// The contributor page's actions (anyone: the signed receipt link is the authority, checked
// first in each) and the staff's revocation of such a link.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createTranslator } from "next-intl";
import { loadMessages } from "@/lib/i18n/messages";
import { visitorLocale } from "@/lib/i18n/server";
import { defineAction, field, formAction } from "@/lib/server/action";
import { checkReceipt, revokeReceipt } from "./receipt";
import { pendingReplacement, replacementToken, replacementStatus, startReplace, type ReplaceUpload } from "./replace";
import { isWithdrawFormKey, replaceSchema, replaceUploadSchema, revokeReceiptSchema, withdrawSchema } from "./schema";
import { contributorWords } from "./words";
import { withdrawConsent } from "./withdraw";

/** The contributor's refusals in the language their page speaks (issue #18); English outside a
 * request (the integration tests). A forged request's "not available" stays English. */
async function words() {
  const locale = await visitorLocale();
  return createTranslator({ locale, messages: await loadMessages(locale), namespace: "replace" });
}
type Refused = { ok: false; message: string };

/** Every contributor action starts here: the signed receipt link is the authority, checked first. */
async function asContributor<T>(receipt: string, run: (receiptId: string) => Promise<T>): Promise<T | Refused> {
  const check = await checkReceipt(receipt);
  return check.ok ? run(check.receipt.id) : { ok: false, message: (await words())("linkRefused") };
}

export const withdrawAction = formAction({
  name: "withdrawConsent",
  who: "anyone",
  schema: withdrawSchema,
  read: (f) => ({ receipt: field(f, "receipt"), uploadId: field(f, "uploadId"), confirm: field(f, "confirm"), reason: field(f, "reason") }),
  invalid: async (error) => {
    const key = error.issues[0]?.message;
    return { ok: false, message: isWithdrawFormKey(key) ? (await contributorWords())(key) : "That action is not available." };
  },
  run: ({ receipt, uploadId, reason }) =>
    asContributor(receipt, async (receiptId) => {
      const result = await withdrawConsent({ receiptId, uploadId, reason });
      revalidatePath(`/c/${receipt}`);
      return result;
    }),
});

export const replaceAction = formAction({
  name: "startReplace",
  who: "anyone",
  schema: replaceSchema,
  read: (f) => ({ receipt: field(f, "receipt"), uploadId: field(f, "uploadId") }),
  invalid: () => ({ ok: false, message: "That action is not available." }),
  run: ({ receipt, uploadId }) =>
    asContributor(receipt, async (receiptId) => {
      const r = await startReplace({ receiptId, uploadId });
      if (!r.ok) return r;
      redirect(`/c/${receipt}/replace/${r.replacementId}`);
    }),
});

const prepareReplace = defineAction<"anyone", typeof replaceUploadSchema, ReplaceUpload>({
  name: "prepareReplaceUpload",
  who: "anyone",
  schema: replaceUploadSchema,
  invalid: () => ({ ok: false, message: "That action is not available." }),
  run: ({ receipt, replacementId }) =>
    asContributor(receipt, async (receiptId): Promise<ReplaceUpload> => {
      const page = await pendingReplacement(receiptId, replacementId);
      if (!page) return { ok: false, message: (await words())("formExpired") };
      // TwentyThree calls the callback itself and answers the upload in text (background_return_p).
      const r = await startReplace({ receiptId, uploadId: page.uploadId, background: true });
      return r.ok ? replacementToken(receiptId, r.replacementId) : r;
    }),
});

/** A replace token for the page's resumable uploader (the page's own token is the no-JavaScript form's). */
export async function prepareReplaceUpload(receipt: string, replacementId: string): Promise<ReplaceUpload> {
  return prepareReplace({ receipt, replacementId }, undefined);
}

const statusOf = defineAction<"anyone", typeof replaceUploadSchema, { ok: boolean; message?: string; status?: string }>({
  name: "replacementStatus",
  who: "anyone",
  schema: replaceUploadSchema,
  invalid: () => ({ ok: false, message: "That action is not available." }),
  run: ({ receipt, replacementId }) =>
    asContributor(receipt, async (receiptId) => {
      const status = await replacementStatus(receiptId, replacementId);
      return status ? { ok: true, status } : { ok: false, message: (await words())("notOnPage") };
    }),
});

/** Whether the portal recorded the replacement (TwentyThree confirmed it) after the upload finished. */
export async function replacementStatusOf(receipt: string, replacementId: string) {
  return statusOf({ receipt, replacementId }, undefined);
}

export const revokeReceiptAction = formAction({
  name: "revokeReceipt",
  who: "member",
  schema: revokeReceiptSchema,
  read: (f) => ({ receiptId: field(f, "receiptId"), uploadId: field(f, "uploadId") }),
  invalid: () => ({ ok: false, message: "That action is not available." }),
  run: async ({ receiptId }, actor, f) => {
    const done = await revokeReceipt(receiptId, actor.id);
    revalidatePath(`/admin/uploads/${field(f, "uploadId")}`);
    return done ? { ok: true, message: "The contributor's private link no longer works." } : { ok: false, message: "That link was already revoked." };
  },
});
