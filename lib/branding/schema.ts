// The branding form's input (site default or one link). Empty means "not set": a link inherits
// the site's value, the site shows the portal's plain look. Client-safe (no server imports).
import { z } from "zod";
import { checkBrandColour } from "./colour";
import { parseEmbedOrigins } from "./origins";

export const SITE_SCOPE = "site";
export const TEXT_MAX = 4000;

const text = z.string().trim().max(TEXT_MAX, `Keep it under ${TEXT_MAX} characters.`);

export const brandingSchema = z.object({
  scope: z.union([z.literal(SITE_SCOPE), z.uuid()]),
  color: z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (!v) return null;
      const c = checkBrandColour(v);
      if (!c.ok) {
        ctx.addIssue({ code: "custom", message: c.message });
        return z.NEVER;
      }
      return c.hex;
    }),
  welcome: text.transform((v) => v || null),
  thanks: text.transform((v) => v || null),
  afterUrl: z
    .string()
    .trim()
    .max(2000)
    .transform((v, ctx) => {
      if (!v) return null;
      try {
        const u = new URL(v);
        if (u.protocol === "https:" && !u.username && !u.password) return u.toString();
      } catch {
        /* the message below */
      }
      ctx.addIssue({ code: "custom", message: "Enter a full https:// address, such as https://www.example.com/thanks." });
      return z.NEVER;
    }),
  embedOrigins: z
    .string()
    .max(5000)
    .transform((v, ctx) => {
      const r = parseEmbedOrigins(v);
      if (r.ok) return r.origins;
      ctx.addIssue({ code: "custom", message: r.message });
      return z.NEVER;
    }),
  removeLogo: z.boolean(),
});

export type BrandingInput = z.output<typeof brandingSchema>;

/** What the admin form shows (stored values, as typed). */
export type BrandingValues = { logoUrl: string | null; color: string; welcome: string; thanks: string; afterUrl: string; embedOrigins: string };

/** What a public page renders: the site default with the link's overrides, Markdown already sanitised. */
export type BrandView = {
  logoUrl: string | null;
  color: string | null;
  welcomeHtml: string;
  thanksHtml: string;
  afterUrl: string | null;
  embedOrigins: string[];
};
