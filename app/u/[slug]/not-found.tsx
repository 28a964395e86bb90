import { useTranslations } from "next-intl";
import { PublicShell } from "@/components/public/shell";

export default function LinkNotFound() {
  const t = useTranslations("closed");
  return (
    <PublicShell>
      <h1 className="text-2xl font-bold">{t("unknownTitle")}</h1>
      <p className="mt-3 text-slate-700">{t("unknownBody")}</p>
    </PublicShell>
  );
}
