// The organisation's look on a public page (issue #18): its logo above the card and its colour
// for buttons and links (a CSS variable read by the rules under [data-brand] in app/globals.css).
// Server components only: branding adds no JavaScript to the page.
import { useTranslations } from "next-intl";
import type { BrandView } from "@/lib/branding/schema";

export type BrandLook = Pick<BrandView, "logoUrl" | "color">;

export function brandStyle(brand?: BrandLook | null): React.CSSProperties | undefined {
  return brand?.color ? ({ "--brand": brand.color } as React.CSSProperties) : undefined;
}

export function BrandLogo({ brand, title }: { brand?: BrandLook | null; title?: string }) {
  const t = useTranslations("shell");
  if (!brand?.logoUrl) return null;
  return (
    <div className="mb-6 flex justify-center">
      {/* eslint-disable-next-line @next/next/no-img-element -- a stored, hash-addressed logo; next/image would add a loader for one small file */}
      <img
        src={brand.logoUrl}
        alt={title ? t("logo", { name: title }) : t("logoPlain")}
        className="max-h-16 w-auto max-w-[60%] object-contain"
        data-testid="brand-logo"
      />
    </div>
  );
}

/** Welcome or thank-you text: HTML made on the server by lib/branding/markdown.ts (sanitised). */
export function BrandText({ html, testId }: { html: string; testId: string }) {
  if (!html) return null;
  return <div className="brand-text mt-3 space-y-2 text-slate-700" data-testid={testId} dangerouslySetInnerHTML={{ __html: html }} />;
}
