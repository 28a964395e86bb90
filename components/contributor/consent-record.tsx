// The exact consent text a contributor agreed to, with its version, fingerprint and time.
import { useTranslations } from "next-intl";
import type { ContributorView } from "@/lib/contributor/view";

export function ConsentRecord({ consent }: { consent: ContributorView["consent"] }) {
  const t = useTranslations("contributor");
  if (!consent) return <p className="text-sm text-slate-600">{t("noConsent")}</p>;
  return (
    <div className="space-y-2" data-testid="consent-record">
      <blockquote className="whitespace-pre-wrap rounded-md bg-slate-50 p-3 text-sm text-slate-800 ring-1 ring-slate-200">{consent.text}</blockquote>
      <p className="text-xs text-slate-600 [overflow-wrap:anywhere]">
        {t("agreed", { at: consent.agreedAt })}
        {consent.ip ? t("fromIp", { ip: consent.ip }) : null}
        {consent.version ? t("version", { v: consent.version }) : null}
        {consent.sha256 ? ` · SHA-256 ${consent.sha256}` : ""}
      </p>
    </div>
  );
}
