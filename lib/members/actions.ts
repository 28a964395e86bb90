"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction } from "@/lib/auth/action";
import type { ActionState } from "@/lib/auth/action-state";
import { fieldErrorsOf } from "@/lib/auth/schema";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { addMember, removeMember, resetPassword, setDisabled, setRole, type MemberResult } from "@/lib/members/data";
import { addMemberSchema, resetPasswordSchema } from "@/lib/members/schema";

const idOf = (f: FormData) => z.uuid().safeParse(f.get("id"));

function done(r: MemberResult, success: string): ActionState {
  if (!r.ok) return { ok: false, message: r.message, ...(r.field ? { fieldErrors: { [r.field]: [r.message] } } : {}) };
  revalidatePath("/admin/members");
  return { ok: true, message: success };
}

export const addMemberAction = adminAction("addMember", async (actor, f) => {
  const values = { email: String(f.get("email") ?? ""), name: String(f.get("name") ?? ""), role: String(f.get("role") ?? "MEMBER") };
  const parsed = addMemberSchema.safeParse({ ...values, password: f.get("password") ?? "" });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values };
  const r = await addMember(db(), parsed.data);
  if (r.ok) log.info("member added", { role: parsed.data.role, userId: actor.id });
  return r.ok ? done(r, `${parsed.data.email} can now sign in. Share the password with them privately.`) : { ...done(r, ""), values };
});

export const setDisabledAction = adminAction("setMemberDisabled", async (actor, f) => {
  const id = idOf(f);
  if (!id.success) return { ok: false, message: "Unknown member." };
  const disabled = f.get("disabled") === "true";
  const r = await setDisabled(db(), actor.id, id.data, disabled);
  if (r.ok) log.info(disabled ? "member disabled" : "member enabled", { memberId: id.data, userId: actor.id });
  return done(r, disabled ? "Disabled: they are signed out and cannot sign in." : "Enabled again.");
});

export const setRoleAction = adminAction("setMemberRole", async (actor, f) => {
  const id = idOf(f);
  const role = z.enum(["ADMIN", "MEMBER"]).safeParse(f.get("role"));
  if (!id.success || !role.success) return { ok: false, message: "Unknown member or role." };
  const r = await setRole(db(), actor.id, id.data, role.data);
  if (r.ok) log.info("member role changed", { memberId: id.data, role: role.data, userId: actor.id });
  return done(r, role.data === "ADMIN" ? "Now an admin." : "Now a member.");
});

export const removeMemberAction = adminAction("removeMember", async (actor, f) => {
  const id = idOf(f);
  if (!id.success) return { ok: false, message: "Unknown member." };
  const r = await removeMember(db(), actor.id, id.data);
  if (r.ok) log.info("member removed", { memberId: id.data, userId: actor.id });
  return done(r, "Removed.");
});

export const resetPasswordAction = adminAction("resetMemberPassword", async (actor, f) => {
  const parsed = resetPasswordSchema.safeParse({ id: f.get("id"), password: f.get("password") ?? "" });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const r = await resetPassword(db(), parsed.data.id, parsed.data.password);
  if (r.ok) log.info("member password reset", { memberId: parsed.data.id, userId: actor.id });
  return done(r, "Password changed. Share it with them privately.");
});
