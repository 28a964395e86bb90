"use client";
// Starts a replacement: the server mints a replace token and opens the upload form for it.
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { initialState } from "@/lib/auth/action-state";
import { replaceAction } from "@/lib/contributor/actions";

export function ReplaceButton({ receipt, uploadId }: { receipt: string; uploadId: string }) {
  const t = useTranslations("contributor");
  const [state, action, pending] = useActionState(replaceAction, initialState);
  return (
    <form action={action} className="mt-3 space-y-2">
      <input type="hidden" name="receipt" value={receipt} />
      <input type="hidden" name="uploadId" value={uploadId} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("replace")}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}
