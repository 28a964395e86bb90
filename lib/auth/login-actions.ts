"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { signIn, OIDC_PROVIDER_ID } from "@/auth";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { credentialsSchema, fieldErrorsOf } from "@/lib/auth/schema";
import type { ActionState } from "@/lib/auth/action-state";

export async function login(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const email = String(formData.get("email") ?? "");
  const parsed = credentialsSchema.safeParse({ email, password: formData.get("password") ?? "" });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values: { email } };
  const redirectTo = safeCallbackUrl(formData.get("callbackUrl"));
  try {
    await signIn("credentials", { ...parsed.data, redirectTo });
  } catch (error) {
    if (error instanceof AuthError) {
      const tooMany = error instanceof CredentialsSignin && error.code === "too_many_attempts";
      return {
        ok: false,
        values: { email },
        message: tooMany
          ? "Too many failed attempts. Wait 15 minutes and try again, or ask an admin to reset your password."
          : "The email or password is not right.",
      };
    }
    throw error; // the success redirect
  }
  return { ok: true };
}

export async function loginWithOidc(formData: FormData): Promise<void> {
  await signIn(OIDC_PROVIDER_ID, { redirectTo: safeCallbackUrl(formData.get("callbackUrl")) });
}
