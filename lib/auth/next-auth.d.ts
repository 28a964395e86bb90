// The session shape other modules rely on: session.user.{id, email, role}.
import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: "ADMIN" | "MEMBER" } & DefaultSession["user"];
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    role?: "ADMIN" | "MEMBER";
  }
}
