// What the organisation adds after a finished upload (issue #18): its thank-you text (HTML
// sanitised on the server) and its "go to" address. On its own the page goes there by itself
// after a few seconds; embedded, it offers a link that opens in the host's window instead of
// navigating the frame away.
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { UploaderBrand } from "./types";

const AFTER_SECONDS = 5;

export function AfterUpload({ brand }: { brand?: UploaderBrand }) {
  const t = useTranslations("uploader");
  const [embedded] = useState(() => typeof window !== "undefined" && window.parent !== window);
  const afterUrl = brand?.afterUrl ?? null;
  useEffect(() => {
    if (!afterUrl || embedded) return;
    const t = setTimeout(() => window.location.assign(afterUrl), AFTER_SECONDS * 1000);
    return () => clearTimeout(t);
  }, [afterUrl, embedded]);
  if (!brand) return null;
  return (
    <>
      {brand.thanksHtml ? (
        <div className="brand-text mt-3 space-y-2 text-slate-700" data-testid="brand-thanks" dangerouslySetInnerHTML={{ __html: brand.thanksHtml }} />
      ) : null}
      {afterUrl ? (
        <p className="mt-3 text-slate-700" data-testid="after-upload">
          {embedded ? null : `${t("takingYou", { host: new URL(afterUrl).host })} `}
          <a href={afterUrl} target="_top" className="font-semibold text-blue-800 underline">
            {t("continueTo", { host: new URL(afterUrl).host })}
          </a>
        </p>
      ) : null}
    </>
  );
}
