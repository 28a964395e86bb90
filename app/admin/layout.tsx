import type { Metadata } from "next";
import { AdminNav } from "@/components/admin/admin-nav";
import { requireUser } from "@/lib/auth/guard";
import { signOutAction } from "@/lib/auth/sign-out";

export const metadata: Metadata = { title: { default: "Admin", template: "%s · Admin · Upload portal" } };
export const dynamic = "force-dynamic";

// The shell only. Each page checks its own access too: layouts are not re-run on every navigation.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireUser("/admin");
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <nav aria-label="Admin" className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 py-3">
          <AdminNav isAdmin={actor.role === "ADMIN"} />
          <div className="flex items-center gap-3 text-sm">
            <span className="text-slate-600">
              {actor.name || actor.email} <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{actor.role === "ADMIN" ? "admin" : "member"}</span>
            </span>
            <form action={signOutAction}>
              <button type="submit" className="rounded-md px-3 py-2 font-medium text-blue-800 underline hover:bg-slate-100">
                Sign out
              </button>
            </form>
          </div>
        </nav>
      </header>
      <main className="mx-auto max-w-5xl px-4 py-6">{children}</main>
    </div>
  );
}
