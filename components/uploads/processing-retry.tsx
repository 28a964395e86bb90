"use client";
// "Check again" for an upload whose processing failed or timed out on TwentyThree.
import { useActionState } from "react";
import { retryProcessing } from "@/lib/uploads/actions";
import { buttonClass } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { initialState } from "@/lib/auth/action-state";

export function ProcessingRetry({ uploadId }: { uploadId: string }) {
  const [state, action, pending] = useActionState(retryProcessing, initialState);
  return (
    <form action={action} className="mt-2 space-y-2">
      <input type="hidden" name="uploadId" value={uploadId} />
      <button type="submit" disabled={pending} className={buttonClass("secondary")}>
        Check processing again
      </button>
      <FormMessage state={state} />
    </form>
  );
}
