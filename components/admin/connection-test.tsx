"use client";
import { useActionState } from "react";
import { testConnection } from "@/lib/settings/actions";
import { initialState } from "@/lib/auth/action-state";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

export function ConnectionTest({ id, name }: { id: string; name: string }) {
  const [state, action] = useActionState(testConnection, initialState);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="secondary" pendingText="Testing…" aria-label={`Test ${name}`}>
        Test connection
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
