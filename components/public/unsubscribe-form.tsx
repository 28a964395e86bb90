"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { unsubscribeAction, type UnsubscribeState } from "@/lib/invitations/actions";

export function UnsubscribeForm({ token, linkTitle }: { token: string; linkTitle: string }) {
  const t = useTranslations("unsubscribe");
  const [state, action] = useActionState<UnsubscribeState, FormData>(unsubscribeAction, { ok: false });
  // The action's own sentence is English; the visitor reads it in their language.
  if (state.ok) return <FormMessage state={{ ...state, message: t("done", { link: linkTitle }) }} />;
  return (
    <form action={action} className="mt-4 space-y-3">
      <input type="hidden" name="token" value={token} />
      <p className="text-slate-700">{t("explain")}</p>
      <SubmitButton pendingText={t("pending")}>{t("button")}</SubmitButton>
      <FormMessage state={state.message ? { ...state, message: `${t("invalidTitle")}. ${t("invalidBody")}` } : state} />
    </form>
  );
}
