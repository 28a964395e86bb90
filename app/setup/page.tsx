import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SetupForm } from "@/app/setup/setup-form";
import { setupPending } from "@/lib/auth/queries";

export const metadata: Metadata = { title: "First-run setup" };
export const dynamic = "force-dynamic";

export default async function SetupPage() {
  // Only on a database without any account; afterwards this page is just a way to /login.
  if (!(await setupPending())) redirect("/login");
  return (
    <main className="mx-auto max-w-sm px-4 py-12">
      <h1 className="text-2xl font-bold">Welcome: create the first admin</h1>
      <p className="mt-2 text-slate-700">
        This portal has no accounts yet. The account you create now is an admin: it can connect TwentyThree, create intake links and invite the rest of your
        team.
      </p>
      <div className="mt-6">
        <SetupForm />
      </div>
    </main>
  );
}
