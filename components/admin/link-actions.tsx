"use client";
import { useActionState } from "react";
import { deleteLinkAction, duplicateLinkAction, setActiveAction } from "@/lib/links/actions";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialState } from "@/lib/auth/action-state";

export function LinkActions({ id, active, hasActivity }: { id: string; active: boolean; hasActivity: boolean }) {
  const [toggleState, toggle] = useActionState(setActiveAction, initialState);
  const [dupState, duplicate] = useActionState(duplicateLinkAction, initialState);
  const [delState, remove] = useActionState(deleteLinkAction, initialState);
  const confirmDelete = (e: React.FormEvent) => {
    const msg = hasActivity
      ? "Delete this link? It has uploads, so it is archived: the public page closes and the uploads keep their history."
      : "Delete this link for good?";
    if (!window.confirm(msg)) e.preventDefault();
  };
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <form action={toggle}>
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="active" value={active ? "false" : "true"} />
          <SubmitButton variant="secondary">{active ? "Deactivate" : "Activate"}</SubmitButton>
        </form>
        <form action={duplicate}>
          <input type="hidden" name="id" value={id} />
          <SubmitButton variant="secondary">Duplicate</SubmitButton>
        </form>
        <form action={remove} onSubmit={confirmDelete}>
          <input type="hidden" name="id" value={id} />
          <SubmitButton variant="danger">Delete</SubmitButton>
        </form>
      </div>
      <FormMessage state={toggleState.message ? toggleState : dupState.message ? dupState : delState} />
    </div>
  );
}
