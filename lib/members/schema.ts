import { z } from "zod";
import { emailSchema, newPasswordSchema } from "@/lib/auth/schema";

export const addMemberSchema = z.object({
  email: emailSchema,
  name: z.string().trim().max(100, "Use at most 100 characters."),
  role: z.enum(["ADMIN", "MEMBER"], { error: "Choose a role." }),
  password: newPasswordSchema,
});

export const resetPasswordSchema = z.object({ id: z.uuid(), password: newPasswordSchema });

/** Actions on one existing member name them by id. */
export const memberIdSchema = z.object({ id: z.uuid() });
export const setDisabledSchema = z.object({ id: z.uuid(), disabled: z.boolean() });
export const setRoleSchema = z.object({ id: z.uuid(), role: z.enum(["ADMIN", "MEMBER"]) });
