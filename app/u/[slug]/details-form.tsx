"use client";

import { useActionState } from "react";
import { DetailsFields } from "@/components/uploader/details-fields";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { PublicLinkView } from "@/lib/intake/view";
import { startUpload, type DetailsState } from "@/lib/intake/actions";

export function DetailsForm({ link }: { link: PublicLinkView }) {
  const [state, action, pending] = useActionState<DetailsState, FormData>(startUpload, {});
  const e = state.fieldErrors ?? {};
  const v = state.values ?? {};
  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      <input type="hidden" name="slug" value={link.slug} />
      <div aria-live="polite">
        {state.message ? (
          <Notice tone="error" title={state.message}>
            {state.retryable ? "Your details are kept: press the button again to retry." : null}
          </Notice>
        ) : null}
      </div>
      <DetailsFields link={link} errors={e} values={v} />
      <Button type="submit" disabled={pending} size="lg" className="w-full">
        {pending ? "Preparing your upload…" : "Continue to upload"}
      </Button>
    </form>
  );
}
