// The one shape of a form's field errors, for every form (visitor, sign-in, admin): each field's
// messages as a list, because that is what the UI kit's fields render (components/ui/field.tsx
// `errors?: string[]`). Client-safe: forms and server actions both import it.
import { z } from "zod";

export type FieldErrors = Record<string, string[] | undefined>;

/** zod issues → { field: [messages] }, keyed by the first path segment (zod's own flattening). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  return z.flattenError(error).fieldErrors as FieldErrors;
}
