"use server";
// Signing out, declared through lib/server/action.ts like every action. Anyone: signing out
// without a session is harmless and ends at /login all the same.
import { z } from "zod";
import { signOut } from "@/auth";
import { defineAction } from "@/lib/server/action";

const signOutOnce = defineAction({
  name: "signOut",
  who: "anyone",
  schema: z.object({}),
  invalid: () => ({ ok: false }),
  run: async () => {
    await signOut({ redirectTo: "/login" });
    return { ok: true };
  },
});

export async function signOutAction(): Promise<void> {
  await signOutOnce({}, undefined);
}
