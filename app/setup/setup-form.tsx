"use client";
import { useActionState } from "react";
import { setup } from "@/lib/auth/setup-actions";
import { initialState } from "@/lib/auth/action-state";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

export function SetupForm() {
  const [state, action] = useActionState(setup, initialState);
  const e = state.fieldErrors;
  return (
    <form action={action} className="space-y-4" noValidate>
      <TextField label="Your name" name="name" autoComplete="name" required defaultValue={state.values?.name} errors={e?.name} />
      <TextField label="Email" name="email" type="email" autoComplete="username" required defaultValue={state.values?.email} errors={e?.email} />
      <TextField label="Password" name="password" type="password" autoComplete="new-password" required hint="At least 12 characters." errors={e?.password} />
      <TextField label="Repeat the password" name="confirm" type="password" autoComplete="new-password" required errors={e?.confirm} />
      <FormMessage state={state} />
      <SubmitButton className="w-full" pendingText="Creating…">
        Create admin account
      </SubmitButton>
    </form>
  );
}
