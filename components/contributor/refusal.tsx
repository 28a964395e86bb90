// What a visitor sees for a receipt link that does not work: one clear sentence per case, and
// nothing about anybody's uploads.
import { useTranslations } from "next-intl";
import { Notice } from "@/components/ui/notice";

export function ReceiptRefusal({ reason }: { reason: "invalid" | "expired" | "revoked" }) {
  const t = useTranslations("contributor");
  return (
    <div data-testid="receipt-refused">
      <Notice tone="error" title={t(`${reason}Title`)}>
        {t(`${reason}Body`)}
      </Notice>
    </div>
  );
}
