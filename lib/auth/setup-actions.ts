"use server";
import { redirect } from "next/navigation";
import { signIn } from "@/auth";
import type { ActionState } from "@/lib/auth/action-state";
import { fieldErrorsOf, setupSchema } from "@/lib/auth/schema";
import { createFirstAdmin } from "@/lib/auth/setup";
import { db } from "@/lib/db";
import { log } from "@/lib/log";

export async function setup(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = { name: String(formData.get("name") ?? ""), email: String(formData.get("email") ?? "") };
  const parsed = setupSchema.safeParse({ ...values, password: formData.get("password") ?? "", confirm: formData.get("confirm") ?? "" });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values };
  const result = await createFirstAdmin(db(), parsed.data);
  if (!result.ok) redirect("/login");
  log.info("first admin created", { userId: result.userId });
  await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: "/admin" });
  return { ok: true };
}
