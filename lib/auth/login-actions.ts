"use server";
// Signing in (email + password, or single sign-on), declared through lib/server/action.ts.
import { AuthError, CredentialsSignin } from "next-auth";
import { signIn, OIDC_PROVIDER_ID } from "@/auth";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { loginSchema, oidcLoginSchema } from "@/lib/auth/schema";
import { fieldErrorsOf } from "@/lib/field-errors";
import { defineAction, field, formAction } from "@/lib/server/action";

export const login = formAction({
  name: "login",
  who: "anyone",
  schema: loginSchema,
  read: (f) => ({ email: field(f, "email"), password: f.get("password") ?? "", callbackUrl: f.get("callbackUrl") }),
  invalid: (error, f) => ({ ok: false, fieldErrors: fieldErrorsOf(error), values: { email: field(f, "email") } }),
  run: async ({ callbackUrl, ...credentials }, _caller, f) => {
    const email = field(f, "email");
    try {
      await signIn("credentials", { ...credentials, redirectTo: safeCallbackUrl(callbackUrl) });
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
  },
});

const oidcLogin = defineAction({
  name: "loginWithOidc",
  who: "anyone",
  schema: oidcLoginSchema,
  invalid: () => ({ ok: false }),
  run: async ({ callbackUrl }) => {
    await signIn(OIDC_PROVIDER_ID, { redirectTo: safeCallbackUrl(callbackUrl) });
    return { ok: true };
  },
});

export async function loginWithOidc(formData: FormData): Promise<void> {
  await oidcLogin({ callbackUrl: formData.get("callbackUrl") }, undefined);
}
