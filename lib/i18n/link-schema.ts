// The link's language setting (issue #18), merged into lib/links/schema.ts with one line each so
// the link form stays one schema. Client-safe (zod only). "" = the visitor's browser language.
import { z } from "zod";
import { locales } from "./locales";

export const languageLinkSchema = z.object({
  language: z
    .enum(["", ...locales], { error: "Choose a language, or the visitor's browser language." })
    .default("")
    .transform((v) => (v === "" ? null : v)),
});

export const languageLinkInput = (f: FormData) => ({ language: String(f.get("language") ?? "") });
