"use server";
// Signing out; a form action with no input, so it needs no schema or caller check (signing out
// an absent session is harmless).
import { signOut } from "@/auth";

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
