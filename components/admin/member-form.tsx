"use client";
import { useActionState } from "react";
import { addMemberAction } from "@/lib/members/actions";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialState } from "@/lib/auth/action-state";

export function AddMemberForm() {
  const [state, action] = useActionState(addMemberAction, initialState);
  const e = state.fieldErrors;
  const v = state.ok ? undefined : state.values;
  return (
    <form action={action} className="grid grid-cols-1 gap-4 sm:grid-cols-2" noValidate>
      <TextField id="member-email" label="Email" name="email" type="email" required autoComplete="off" defaultValue={v?.email} errors={e?.email} />
      <TextField id="member-name" label="Name" name="name" autoComplete="off" defaultValue={v?.name} errors={e?.name} />
      <SelectField
        id="member-role"
        label="Role"
        name="role"
        defaultValue={v?.role ?? "MEMBER"}
        errors={e?.role}
        hint="Members review uploads; admins also manage links, connections and people."
      >
        <option value="MEMBER">Member</option>
        <option value="ADMIN">Admin</option>
      </SelectField>
      <TextField
        id="member-password"
        label="Initial password"
        name="password"
        type="password"
        required
        autoComplete="new-password"
        errors={e?.password}
        hint="At least 12 characters. Share it privately."
      />
      <div className="sm:col-span-2 space-y-2">
        <FormMessage state={state} />
        <SubmitButton pendingText="Adding…">Add member</SubmitButton>
      </div>
    </form>
  );
}
