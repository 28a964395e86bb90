import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { auth, oidcEnabled } from "@/auth";
import { loginWithOidc } from "@/lib/auth/login-actions";
import { LoginForm } from "@/app/login/login-form";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { setupPending } from "@/lib/auth/queries";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const errorMessages: Record<string, string> = {
  AccessDenied: "Your identity provider signed you in, but there is no enabled account for that email here. Ask an admin to add you.",
  Configuration: "Sign-in is not configured correctly. Check the server log.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await setupPending()) redirect("/setup");
  const session = await auth();
  if (session?.user?.id) redirect(callbackUrl);
  const error = typeof params.error === "string" ? (errorMessages[params.error] ?? "Sign-in failed. Please try again.") : null;

  return (
    <main className="mx-auto max-w-sm px-4 py-12">
      <h1 className="text-2xl font-bold">Sign in</h1>
      <p className="mt-2 text-slate-700">Sign in to manage intake links and review uploads.</p>
      {error ? (
        <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <div className="mt-6">
        <LoginForm callbackUrl={callbackUrl} />
      </div>
      {oidcEnabled() ? (
        <form action={loginWithOidc} className="mt-6 border-t border-slate-200 pt-6">
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <button type="submit" className={`${buttonClass("secondary")} w-full`}>
            Sign in with single sign-on
          </button>
        </form>
      ) : null}
    </main>
  );
}
