// Sign-in and account forms, shared by the Credentials provider, /setup and the members admin.
import { z } from "zod";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid email address." }).max(254, "That email address is too long."));

export const newPasswordSchema = z.string().min(12, "Use at least 12 characters.").max(200, "Use at most 200 characters.");

export const credentialsSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(200),
});

export const setupSchema = z
  .object({
    name: z.string().trim().min(1, "Enter your name.").max(100),
    email: emailSchema,
    password: newPasswordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The passwords do not match." });

/** The sign-in form: credentials plus where to go afterwards (checked by safeCallbackUrl). */
export const loginSchema = credentialsSchema.extend({ callbackUrl: z.unknown() });
export const oidcLoginSchema = z.object({ callbackUrl: z.unknown() });
