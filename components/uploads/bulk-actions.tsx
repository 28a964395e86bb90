"use client";
// The bulk bar above the uploads list: approve, reject, delete (after a confirmation) or dismiss
// the chosen rows, through the bulkModerate action; `onDone` clears the choice and refreshes.
import { useActionState, useEffect, useState } from "react";
import { bulkModerate } from "@/lib/uploads/actions";
import { initialState } from "@/lib/auth/action-state";
import { buttonClass } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";

export function BulkActions({ chosen, onDone }: { chosen: string[]; onDone: () => void }) {
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [state, formAction, pending] = useActionState(bulkModerate, initialState);

  useEffect(() => {
    if (!state.message) return;
    setConfirmDelete(false);
    onDone();
  }, [state, onDone]);

  return (
    <>
      <form action={formAction} className="flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 bg-white p-3" aria-label="Bulk actions">
        {chosen.map((id) => (
          <input key={id} type="hidden" name="ids" value={id} />
        ))}
        <span className="text-sm text-slate-700" aria-live="polite">
          {chosen.length} selected
        </span>
        {confirmDelete ? (
          <div role="alertdialog" aria-labelledby="bulk-delete-q" className="flex flex-wrap items-center gap-2">
            <span id="bulk-delete-q" className="text-sm font-semibold text-red-800">
              Delete {chosen.length} from TwentyThree? This cannot be undone.
            </span>
            <input type="hidden" name="confirmed" value="yes" />
            <button type="submit" name="action" value="delete" disabled={pending} className={buttonClass("danger")}>
              Yes, delete {chosen.length}
            </button>
            <button type="button" onClick={() => setConfirmDelete(false)} className={buttonClass("secondary")}>
              Cancel
            </button>
          </div>
        ) : (
          <>
            <button type="submit" name="action" value="approve" disabled={pending || chosen.length === 0} className={buttonClass("secondary")}>
              Approve selected
            </button>
            <button type="submit" name="action" value="reject" disabled={pending || chosen.length === 0} className={buttonClass("secondary")}>
              Reject selected
            </button>
            <button type="button" onClick={() => setConfirmDelete(true)} disabled={pending || chosen.length === 0} className={buttonClass("danger")}>
              Delete selected…
            </button>
            {/* For claims TwentyThree has not confirmed as made here: hides them, touches nothing there. */}
            <button type="submit" name="action" value="dismiss" disabled={pending || chosen.length === 0} className={buttonClass("secondary")}>
              Dismiss unconfirmed (only here)
            </button>
          </>
        )}
        {pending ? <span className="text-sm text-slate-600">Working…</span> : null}
      </form>
      <FormMessage state={state} />
    </>
  );
}
