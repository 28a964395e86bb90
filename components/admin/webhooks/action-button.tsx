"use client";
// One button that runs a webhook action with hidden fields and shows its outcome beside it.
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { initialState, type ActionState } from "@/lib/auth/action-state";

type Action = (prev: ActionState, f: FormData) => Promise<ActionState>;

export function ActionButton({
  action,
  fields,
  label,
  tone = "secondary",
}: {
  action: Action;
  fields: Record<string, string>;
  label: string;
  tone?: "secondary" | "danger";
}) {
  const [state, run, pending] = useActionState(action, initialState);
  return (
    <form action={run} className="inline-block space-y-1">
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" disabled={pending} className={buttonClass(tone)}>
        {label}
      </button>
      <FormMessage state={state} />
    </form>
  );
}
