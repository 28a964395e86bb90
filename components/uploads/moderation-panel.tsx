"use client";
// Moderation on the review page. Each button submits the same server action with its own
// `action`; TwentyThree's answer (success or its error message) is shown right here.
import { useActionState, useEffect, useState } from "react";
import { moderateUpload } from "@/lib/uploads/actions";
import { initialState } from "@/lib/auth/action-state";
import type { UploadStateName } from "@/lib/uploads/filters";
import { buttonClass } from "@/components/ui/button";
import { TextArea, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { FormMessage } from "@/components/ui/form-message";

type Props = {
  uploadId: string;
  state: UploadStateName;
  hasVideo: boolean;
  /** Why TwentyThree-side actions are unavailable (the video is not confirmed as ours), or null. */
  unconfirmed: string | null;
  edit: { title: string; description: string; tags: string };
};

export function ModerationPanel({ uploadId, state, hasVideo, unconfirmed, edit }: Props) {
  const [result, act, pending] = useActionState(moderateUpload, initialState);
  const [editResult, editAct] = useActionState(moderateUpload, initialState);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => setConfirming(false), [result]);

  if (state === "DELETED")
    return (
      <p className="text-slate-700">
        {hasVideo && unconfirmed !== null ? "This upload was dismissed here; nothing on TwentyThree was touched." : "This upload was deleted from TwentyThree."}{" "}
        Its history stays below.
      </p>
    );
  if (unconfirmed) return <UnconfirmedPanel uploadId={uploadId} reason={unconfirmed} />;
  const canPublish = hasVideo && state !== "PUBLISHED";
  const canUnpublish = hasVideo && state === "PUBLISHED";
  const canReject = hasVideo && state !== "REJECTED";
  const values = editResult.values ?? edit;

  return (
    <div className="space-y-4">
      <form action={act} className="flex flex-wrap gap-2" aria-label="Moderate">
        <input type="hidden" name="uploadId" value={uploadId} />
        {canPublish ? (
          <button type="submit" name="action" value="approve" disabled={pending} className={buttonClass("primary")}>
            Approve and publish
          </button>
        ) : null}
        {canUnpublish ? (
          <button type="submit" name="action" value="unpublish" disabled={pending} className={buttonClass("secondary")}>
            Unpublish
          </button>
        ) : null}
        {canReject ? (
          <button type="submit" name="action" value="reject" disabled={pending} className={buttonClass("secondary")}>
            Reject
          </button>
        ) : null}
        {confirming ? (
          <div
            role="alertdialog"
            aria-labelledby="delete-q"
            className="flex w-full flex-wrap items-center gap-2 rounded-md border border-red-200 bg-red-50 p-3"
          >
            <p id="delete-q" className="text-sm font-semibold text-red-900">
              Delete this video from TwentyThree? This cannot be undone.
            </p>
            <button type="submit" name="action" value="delete" disabled={pending} className={buttonClass("danger")} autoFocus>
              Yes, delete it
            </button>
            <button type="button" onClick={() => setConfirming(false)} className={buttonClass("secondary")}>
              Cancel
            </button>
          </div>
        ) : (
          <button type="button" onClick={() => setConfirming(true)} disabled={pending} className={buttonClass("danger")}>
            Delete…
          </button>
        )}
        {pending ? (
          <span role="status" className="self-center text-sm text-slate-600">
            Asking TwentyThree…
          </span>
        ) : null}
      </form>
      <FormMessage state={result} />

      {hasVideo ? (
        <details className="rounded-md border border-slate-200 p-3">
          <summary className="cursor-pointer font-semibold">Edit title, description and tags</summary>
          <form action={editAct} className="mt-3 space-y-3">
            <input type="hidden" name="uploadId" value={uploadId} />
            <input type="hidden" name="action" value="edit" />
            <TextField label="Title" name="title" defaultValue={values.title} errors={editResult.fieldErrors?.title} required maxLength={255} />
            <TextArea label="Description" name="description" defaultValue={values.description} errors={editResult.fieldErrors?.description} maxLength={5000} />
            <TextField
              label="Tags"
              name="tags"
              defaultValue={values.tags}
              hint="Separate tags with commas. These replace the tags on TwentyThree."
              errors={editResult.fieldErrors?.tags}
            />
            <SubmitButton pendingText="Saving…">Save on TwentyThree</SubmitButton>
            <FormMessage state={editResult} />
          </form>
        </details>
      ) : null}
    </div>
  );
}

/** A video TwentyThree has not confirmed as this portal's: say why, and offer only a local dismissal. */
function UnconfirmedPanel({ uploadId, reason }: { uploadId: string; reason: string }) {
  const [result, act, pending] = useActionState(moderateUpload, initialState);
  return (
    <div className="space-y-3">
      <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900" data-testid="moderation-unavailable">
        {reason}
      </p>
      <form action={act} aria-label="Moderate">
        <input type="hidden" name="uploadId" value={uploadId} />
        <button type="submit" name="action" value="dismiss" disabled={pending} className={buttonClass("secondary")}>
          Dismiss (only here)
        </button>
      </form>
      <FormMessage state={result} />
    </div>
  );
}
