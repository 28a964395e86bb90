"use client";
// The last resort for a page that failed while rendering: a clear sentence and a retry, never
// the error's message or stack (those went to the server log; `digest` ties the two together).
import { useTranslations } from "next-intl";
import { PublicShell } from "@/components/public/shell";

export default function RootError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <PublicShell>
      <div role="alert">
        <h1 className="text-2xl font-bold">{t("failedTitle")}</h1>
        <p className="mt-3 text-slate-700">{t("failedBody")}</p>
        {error.digest ? <p className="mt-2 text-sm text-slate-500">{t("reference", { digest: error.digest })}</p> : null}
      </div>
      <button type="button" onClick={reset} className="mt-4 rounded-lg bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800">
        {t("tryAgain")}
      </button>
    </PublicShell>
  );
}
