import { useTranslations } from "next-intl";
import { PublicShell } from "@/components/public/shell";

// A personal invitation that was revoked or has expired (403). Next renders this boundary apart
// from the page, so it cannot know which of the two: it names both. A guessed or altered
// invitation gets the link's not-found page (404) instead.
export default function InviteRefused() {
  const t = useTranslations("closed");
  return (
    <PublicShell>
      <h1 className="text-2xl font-bold">{t("inviteTitle")}</h1>
      <p className="mt-3 text-slate-700">{t("inviteBody")}</p>
    </PublicShell>
  );
}
