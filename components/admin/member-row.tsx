"use client";
import { useActionState, useState } from "react";
import { removeMemberAction, resetPasswordAction, setDisabledAction, setRoleAction } from "@/lib/members/actions";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialState, type ActionState } from "@/lib/auth/action-state";

export type MemberView = { id: string; email: string; name: string; role: "ADMIN" | "MEMBER"; disabled: boolean; locked: boolean; isSelf: boolean };

export function MemberRow({ m }: { m: MemberView }) {
  const [disableState, toggleDisabled] = useActionState(setDisabledAction, initialState);
  const [roleState, changeRole] = useActionState(setRoleAction, initialState);
  const [removeState, remove] = useActionState(removeMemberAction, initialState);
  const [resetState, reset] = useActionState(resetPasswordAction, initialState);
  const [resetting, setResetting] = useState(false);
  const latest: ActionState = [disableState, roleState, removeState, resetState].find((s) => s.message) ?? initialState;
  return (
    <article aria-label={m.email} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="break-all font-semibold">{m.name || m.email}</h3>
          <p className="break-all text-sm text-slate-600">{m.email}</p>
          <p className="mt-1 text-xs">
            <span className="rounded bg-slate-100 px-1.5 py-0.5">{m.role === "ADMIN" ? "Admin" : "Member"}</span>
            {m.disabled ? <span className="ml-1 rounded bg-red-100 px-1.5 py-0.5 text-red-900">Disabled</span> : null}
            {m.locked ? <span className="ml-1 rounded bg-amber-100 px-1.5 py-0.5 text-amber-900">Locked after failed sign-ins</span> : null}
            {m.isSelf ? <span className="ml-1 text-slate-600">(you)</span> : null}
          </p>
        </div>
        {m.isSelf ? null : (
          <div className="flex flex-wrap gap-2">
            <form action={changeRole}>
              <input type="hidden" name="id" value={m.id} />
              <input type="hidden" name="role" value={m.role === "ADMIN" ? "MEMBER" : "ADMIN"} />
              <SubmitButton variant="secondary" aria-label={`${m.role === "ADMIN" ? "Make member" : "Make admin"}: ${m.email}`}>
                {m.role === "ADMIN" ? "Make member" : "Make admin"}
              </SubmitButton>
            </form>
            <form action={toggleDisabled}>
              <input type="hidden" name="id" value={m.id} />
              <input type="hidden" name="disabled" value={m.disabled ? "false" : "true"} />
              <SubmitButton variant="secondary" aria-label={`${m.disabled ? "Enable" : "Disable"} ${m.email}`}>
                {m.disabled ? "Enable" : "Disable"}
              </SubmitButton>
            </form>
            <button
              type="button"
              className="px-2 text-sm font-semibold text-blue-800 underline"
              onClick={() => setResetting(!resetting)}
              aria-expanded={resetting}
            >
              Reset password<span className="sr-only">{` for ${m.email}`}</span>
            </button>
            <form
              action={remove}
              onSubmit={(e) => {
                if (!window.confirm(`Remove ${m.email}? They can no longer sign in.`)) e.preventDefault();
              }}
            >
              <input type="hidden" name="id" value={m.id} />
              <SubmitButton variant="danger" aria-label={`Remove ${m.email}`}>
                Remove
              </SubmitButton>
            </form>
          </div>
        )}
      </div>
      {resetting ? (
        <form action={reset} className="mt-3 flex flex-wrap items-end gap-2" noValidate>
          <input type="hidden" name="id" value={m.id} />
          <div className="min-w-0 flex-1">
            <TextField
              id={`reset-${m.id}`}
              label={`New password for ${m.email}`}
              name="password"
              type="password"
              autoComplete="new-password"
              errors={resetState.fieldErrors?.password}
            />
          </div>
          <SubmitButton>Set password</SubmitButton>
        </form>
      ) : null}
      <div className="mt-2">
        <FormMessage state={latest} />
      </div>
    </article>
  );
}
