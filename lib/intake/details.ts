// The visitor's details, validated on the server against what the link asks for.
import { z } from "zod";
import type { FieldMode, IntakeLink } from "@/generated/prisma/client";
import { fieldErrorsOf } from "@/lib/field-errors";
import en from "@/messages/en.json";

/** The field messages' catalogue keys ("details" namespace); the caller passes the visitor's
 * translator (lib/intake/actions.ts), English when none (tests, the admin's own checks). */
export type DetailsWord = keyof typeof en.details;
export type DetailsWords = (key: DetailsWord, values?: { max: number }) => string;
const english: DetailsWords = (key, values) => en.details[key].replace(/\{max, number\}/, String(values?.max ?? ""));

type Fields = Pick<IntakeLink, "nameField" | "emailField" | "titleField" | "descriptionField" | "consentText">;

function text(mode: FieldMode, field: "name" | "title" | "description", max: number, w: DetailsWords) {
  const missing = w(`${field}Missing`);
  const tooLong = w(`${field}TooLong`, { max });
  const base = z
    .string({ error: mode === "REQUIRED" ? missing : tooLong })
    .trim()
    .max(max, tooLong);
  if (mode === "REQUIRED") return base.min(1, missing);
  return base.optional().transform((v) => (v ? v : undefined));
}

/** A field the link does not ask for: whatever arrives (usually nothing) is dropped. In zod 4 the
 * `.optional()` is what lets the key be absent altogether. */
const off = () =>
  z
    .any()
    .optional()
    .transform(() => undefined);

export function detailsSchema(link: Fields, opts: { member?: boolean } = {}, w: DetailsWords = english) {
  // Members-only links skip the contact fields: the signed-in member is the contributor.
  const nameMode = opts.member ? "OFF" : link.nameField;
  const emailMode = opts.member ? "OFF" : link.emailField;
  return z.object({
    name: nameMode === "OFF" ? off() : text(nameMode, "name", 200, w),
    email:
      emailMode === "OFF"
        ? off()
        : emailMode === "REQUIRED"
          ? z
              .string({ error: w("emailMissing") })
              .trim()
              .min(1, w("emailMissing"))
              .max(254)
              .pipe(z.email(w("emailInvalid")))
          : z
              .string()
              .trim()
              .max(254)
              .pipe(z.union([z.literal(""), z.email(w("emailInvalid"))]))
              .optional()
              .transform((v) => (v ? v : undefined)),
    title: link.titleField === "OFF" ? off() : text(link.titleField, "title", 200, w),
    description: link.descriptionField === "OFF" ? off() : text(link.descriptionField, "description", 5000, w),
    consent: link.consentText
      ? z.literal("on", { error: w("consentMissing") }).transform(() => true)
      : z
          .any()
          .optional()
          .transform(() => false),
  });
}

export type Details = z.infer<ReturnType<typeof detailsSchema>>;
// Built once per field setup and language (at most 4^4 × 2 × 2 shapes per language): zod 4 compiles
// an object schema on its first parse, and building one per call cost a mint about half a
// millisecond of CPU (issue #20). `locale` names the words `w` speaks, so schemas never mix languages.
const schemas = new Map<string, ReturnType<typeof detailsSchema>>();
function schemaFor(link: Fields, opts: { member?: boolean }, w: DetailsWords | undefined, locale: string) {
  const lang = w ? locale : "en";
  const key = [lang, link.nameField, link.emailField, link.titleField, link.descriptionField, Boolean(link.consentText), Boolean(opts.member)].join("|");
  let schema = schemas.get(key);
  if (!schema) schemas.set(key, (schema = detailsSchema(link, opts, w)));
  return schema;
}

/** `w` and `locale` go together: the visitor's words and the language they are in (English when absent). */
export function parseDetails(link: Fields, input: Record<string, unknown>, opts: { member?: boolean } = {}, w?: DetailsWords, locale = "en") {
  const r = schemaFor(link, opts, w, locale).safeParse(input);
  if (r.success) return { ok: true as const, details: r.data };
  return { ok: false as const, fieldErrors: fieldErrorsOf(r.error) };
}
