"use client";
// Withdraw consent: one click after ticking the confirmation. What happens on TwentyThree (unpublish
// or delete) is said before, since it cannot be undone from this page.
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { CheckboxField, TextArea } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { initialState } from "@/lib/auth/action-state";
import { withdrawAction } from "@/lib/contributor/actions";

export function WithdrawForm({ receipt, uploadId, policy }: { receipt: string; uploadId: string; policy: string }) {
  const [state, action, pending] = useActionState(withdrawAction, initialState);
  const t = useTranslations("contributor");
  const optional = useTranslations("details")("optional");
  return (
    <form action={action} className="mt-3 space-y-3 rounded-lg bg-red-50 p-3">
      <input type="hidden" name="receipt" value={receipt} />
      <input type="hidden" name="uploadId" value={uploadId} />
      <p className="text-sm text-red-900">{policy === "delete" ? t("willDelete") : t("willHide")}</p>
      <TextArea id={`reason-${uploadId}`} label={t("why")} name="reason" rows={2} maxLength={500} markOptional={optional} />
      <CheckboxField id={`confirm-${uploadId}`} label={t("confirm")} name="confirm" value="yes" required />
      <Button type="submit" variant="danger" disabled={pending}>
        {t("withdraw")}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}
