// The visitor's details, validated on the server against what the link asks for.
import { z } from "zod";
import type { FieldMode, IntakeLink } from "@/generated/prisma/client";
import { fieldErrorsOf } from "@/lib/field-errors";

type Fields = Pick<IntakeLink, "nameField" | "emailField" | "titleField" | "descriptionField" | "consentText">;

function text(mode: FieldMode, label: string, max: number) {
  const missing = `Please enter ${label.toLowerCase()}`;
  const base = z
    .string({ error: mode === "REQUIRED" ? missing : `${label} must be text` })
    .trim()
    .max(max, `${label} can be at most ${max} characters`);
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

export function detailsSchema(link: Fields, opts: { member?: boolean } = {}) {
  // Members-only links skip the contact fields: the signed-in member is the contributor.
  const nameMode = opts.member ? "OFF" : link.nameField;
  const emailMode = opts.member ? "OFF" : link.emailField;
  return z.object({
    name: nameMode === "OFF" ? off() : text(nameMode, "Your name", 200),
    email:
      emailMode === "OFF"
        ? off()
        : emailMode === "REQUIRED"
          ? z
              .string({ error: "Please enter your email address" })
              .trim()
              .min(1, "Please enter your email address")
              .max(254)
              .pipe(z.email("Please enter a valid email address, like name@example.com"))
          : z
              .string()
              .trim()
              .max(254)
              .pipe(z.union([z.literal(""), z.email("Please enter a valid email address, like name@example.com")]))
              .optional()
              .transform((v) => (v ? v : undefined)),
    title: link.titleField === "OFF" ? off() : text(link.titleField, "A title", 200),
    description: link.descriptionField === "OFF" ? off() : text(link.descriptionField, "A description", 5000),
    consent: link.consentText
      ? z.literal("on", { error: "Please tick the box to give your consent before uploading" }).transform(() => true)
      : z
          .any()
          .optional()
          .transform(() => false),
  });
}

export type Details = z.infer<ReturnType<typeof detailsSchema>>;
// Built once per field setup (at most 4^4 × 2 × 2 shapes): zod 4 compiles an object schema on its
// first parse, and building one per call cost a mint about half a millisecond of CPU (issue #20).
const schemas = new Map<string, ReturnType<typeof detailsSchema>>();
function schemaFor(link: Fields, opts: { member?: boolean }) {
  const key = [link.nameField, link.emailField, link.titleField, link.descriptionField, Boolean(link.consentText), Boolean(opts.member)].join("|");
  let schema = schemas.get(key);
  if (!schema) schemas.set(key, (schema = detailsSchema(link, opts)));
  return schema;
}

export function parseDetails(link: Fields, input: Record<string, unknown>, opts: { member?: boolean } = {}) {
  const r = schemaFor(link, opts).safeParse(input);
  if (r.success) return { ok: true as const, details: r.data };
  return { ok: false as const, fieldErrors: fieldErrorsOf(r.error) };
}
