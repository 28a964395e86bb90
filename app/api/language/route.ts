// The language switcher's target (components/public/language-switcher.tsx): remember the
// visitor's choice in a cookie and go back to the page they were on. Only the path of the
// Referer is kept, so the answer never sends anyone to another site.
import { z } from "zod";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n/locales";
import { route } from "@/lib/server/route";

const backPath = (referer: string | null): string => {
  if (!referer) return "/";
  try {
    const u = new URL(referer);
    return `${u.pathname}${u.search}`.replace(/^\/+/, "/");
  } catch {
    return "/";
  }
};

export const POST = route({
  name: "language",
  who: "anyone",
  schema: z.object({ locale: z.string().refine(isLocale, "Unknown language."), back: z.string() }),
  read: async (req) => {
    const form = await req.formData().catch(() => null);
    return { locale: form?.get("locale"), back: backPath(req.headers.get("referer")) };
  },
  run: async ({ locale, back }) =>
    new Response(null, {
      status: 303,
      headers: {
        location: back,
        "set-cookie": `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`,
        "cache-control": "no-store",
      },
    }),
});
