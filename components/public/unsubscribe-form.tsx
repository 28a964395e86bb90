"use client";
import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { unsubscribeAction, type UnsubscribeState } from "@/lib/invitations/actions";

export function UnsubscribeForm({ token }: { token: string }) {
  const [state, action] = useActionState<UnsubscribeState, FormData>(unsubscribeAction, { ok: false });
  if (state.ok) return <FormMessage state={state} />;
  return (
    <form action={action} className="mt-4 space-y-3">
      <input type="hidden" name="token" value={token} />
      <p className="text-slate-700">You will get no more invitations or reminders for it. Nothing else changes.</p>
      <SubmitButton pendingText="Unsubscribing…">Unsubscribe</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
