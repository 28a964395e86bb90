"use server";
// First-run setup (the first admin), declared through lib/server/action.ts.
import { redirect } from "next/navigation";
import { signIn } from "@/auth";
import { setupSchema } from "@/lib/auth/schema";
import { fieldErrorsOf } from "@/lib/field-errors";
import { createFirstAdmin } from "@/lib/auth/setup";
import { log } from "@/lib/log";
import { field, formAction } from "@/lib/server/action";

const typed = (f: FormData) => ({ name: field(f, "name"), email: field(f, "email") });

export const setup = formAction({
  name: "setup",
  who: "anyone",
  schema: setupSchema,
  read: (f) => ({ ...typed(f), password: f.get("password") ?? "", confirm: f.get("confirm") ?? "" }),
  invalid: (error, f) => ({ ok: false, fieldErrors: fieldErrorsOf(error), values: typed(f) }),
  run: async (input) => {
    const result = await createFirstAdmin(input);
    if (!result.ok) redirect("/login");
    log.info("first admin created", { userId: result.userId });
    await signIn("credentials", { email: input.email, password: input.password, redirectTo: "/admin" });
    return { ok: true };
  },
});
