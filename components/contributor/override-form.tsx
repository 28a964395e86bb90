"use client";
// Publishing a video whose contributor withdrew consent: a staff override with a reason, which
// the moderation history keeps beside the action.
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextArea } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { initialState } from "@/lib/auth/action-state";
import { moderateUpload } from "@/lib/uploads/actions";

export function OverrideForm({ uploadId }: { uploadId: string }) {
  const [state, action, pending] = useActionState(moderateUpload, initialState);
  return (
    <form action={action} className="mt-3 space-y-2">
      <input type="hidden" name="uploadId" value={uploadId} />
      <input type="hidden" name="action" value="approve" />
      <TextArea
        id="override-reason"
        label="Reason for publishing against the withdrawal"
        name="overrideReason"
        rows={2}
        required
        minLength={5}
        maxLength={500}
      />
      <Button type="submit" variant="secondary" disabled={pending}>
        Publish anyway (override)
      </Button>
      <FormMessage state={state} />
    </form>
  );
}
