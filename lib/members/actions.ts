"use server";
// The admin's member actions, declared through lib/server/action.ts (admins only, parsed input).
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/auth/action-state";
import { fieldErrorsOf } from "@/lib/field-errors";
import { log } from "@/lib/log";
import { addMember, removeMember, resetPassword, setDisabled, setRole, type MemberResult } from "@/lib/members/data";
import { addMemberSchema, memberIdSchema, resetPasswordSchema, setDisabledSchema, setRoleSchema } from "@/lib/members/schema";
import { field, formAction } from "@/lib/server/action";

function done(r: MemberResult, success: string): ActionState {
  if (!r.ok) return { ok: false, message: r.message, ...(r.field ? { fieldErrors: { [r.field]: [r.message] } } : {}) };
  revalidatePath("/admin/members");
  return { ok: true, message: success };
}

const unknownMember = (): ActionState => ({ ok: false, message: "Unknown member." });
const readId = (f: FormData) => ({ id: field(f, "id") });
// What the add form echoes back when refused: never the password.
const typed = (f: FormData) => ({ email: field(f, "email"), name: field(f, "name"), role: String(f.get("role") ?? "MEMBER") });

export const addMemberAction = formAction({
  name: "addMember",
  who: "admin",
  schema: addMemberSchema,
  read: (f) => ({ ...typed(f), password: field(f, "password") }),
  invalid: (error, f) => ({ ok: false, fieldErrors: fieldErrorsOf(error), values: typed(f) }),
  run: async (input, actor, f) => {
    const r = await addMember(input);
    if (r.ok) log.info("member added", { role: input.role, userId: actor.id });
    return r.ok ? done(r, `${input.email} can now sign in. Share the password with them privately.`) : { ...done(r, ""), values: typed(f) };
  },
});

export const setDisabledAction = formAction({
  name: "setMemberDisabled",
  who: "admin",
  schema: setDisabledSchema,
  read: (f) => ({ ...readId(f), disabled: f.get("disabled") === "true" }),
  invalid: unknownMember,
  run: async ({ id, disabled }, actor) => {
    const r = await setDisabled(actor.id, id, disabled);
    if (r.ok) log.info(disabled ? "member disabled" : "member enabled", { memberId: id, userId: actor.id });
    return done(r, disabled ? "Disabled: they are signed out and cannot sign in." : "Enabled again.");
  },
});

export const setRoleAction = formAction({
  name: "setMemberRole",
  who: "admin",
  schema: setRoleSchema,
  read: (f) => ({ ...readId(f), role: field(f, "role") }),
  invalid: () => ({ ok: false, message: "Unknown member or role." }),
  run: async ({ id, role }, actor) => {
    const r = await setRole(actor.id, id, role);
    if (r.ok) log.info("member role changed", { memberId: id, role, userId: actor.id });
    return done(r, role === "ADMIN" ? "Now an admin." : "Now a member.");
  },
});

export const removeMemberAction = formAction({
  name: "removeMember",
  who: "admin",
  schema: memberIdSchema,
  read: readId,
  invalid: unknownMember,
  run: async ({ id }, actor) => {
    const r = await removeMember(actor.id, id);
    if (r.ok) log.info("member removed", { memberId: id, userId: actor.id });
    return done(r, "Removed.");
  },
});

export const resetPasswordAction = formAction({
  name: "resetMemberPassword",
  who: "admin",
  schema: resetPasswordSchema,
  read: (f) => ({ ...readId(f), password: field(f, "password") }),
  invalid: (error) => ({ ok: false, fieldErrors: fieldErrorsOf(error) }),
  run: async ({ id, password }, actor) => {
    const r = await resetPassword(id, password);
    if (r.ok) log.info("member password reset", { memberId: id, userId: actor.id });
    return done(r, "Password changed. Share it with them privately.");
  },
});
