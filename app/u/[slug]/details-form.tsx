"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { DetailsFields } from "@/components/uploader/details-fields";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { PublicLinkView } from "@/lib/intake/view";
import { startUpload, type DetailsState } from "@/lib/intake/actions";

export function DetailsForm({ link }: { link: PublicLinkView }) {
  const [state, action, pending] = useActionState<DetailsState, FormData>(startUpload, {});
  const t = useTranslations("details");
  const e = state.fieldErrors ?? {};
  const v = state.values ?? {};
  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      <input type="hidden" name="slug" value={link.slug} />
      <div aria-live="polite">
        {state.message ? (
          <Notice tone="error" title={state.message}>
            {state.retryable ? t("retryKept") : null}
          </Notice>
        ) : null}
      </div>
      <DetailsFields link={link} errors={e} values={v} />
      <Button type="submit" disabled={pending} size="lg" className="w-full">
        {pending ? t("preparing") : t("continue")}
      </Button>
    </form>
  );
}
