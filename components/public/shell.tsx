// The frame of every public (visitor) page: readable on a 360 px phone, one column.
import { BrandLogo, brandStyle, type BrandLook } from "./brand";

export function PublicShell({ children, brand }: { children: React.ReactNode; brand?: BrandLook | null }) {
  return (
    <main id="main" className="mx-auto w-full max-w-xl px-4 py-8 sm:py-12" data-brand={brand?.color ? "" : undefined} style={brandStyle(brand)}>
      <BrandLogo brand={brand} />
      <div className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-8">{children}</div>
      <p className="mt-6 text-center text-xs text-slate-500">Your video goes straight to the team&apos;s video library.</p>
    </main>
  );
}
