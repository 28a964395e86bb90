// The visitor's details: one set of fields and messages for the no-JS form (which passes back the
// submitted `values`) and the one-page uploader.
import { Field } from "@/components/public/field";
import type { FieldErrors } from "@/lib/intake/details";
import type { PublicLinkView } from "@/lib/intake/view";

export function DetailsFields({ link, errors, values = {} }: { link: PublicLinkView; errors: FieldErrors; values?: Record<string, string> }) {
  const e = errors;
  const v = values;
  return (
    <>
      {link.nameField !== "OFF" ? <Field name="name" label="Your name" autoComplete="name" required={link.nameField === "REQUIRED"} error={e.name} defaultValue={v.name} /> : null}
      {link.emailField !== "OFF" ? <Field name="email" type="email" label="Email address" autoComplete="email" required={link.emailField === "REQUIRED"} error={e.email} defaultValue={v.email} /> : null}
      {link.titleField !== "OFF" ? <Field name="title" label="Title of your video" required={link.titleField === "REQUIRED"} error={e.title} defaultValue={v.title} /> : null}
      {link.descriptionField !== "OFF" ? <Field name="description" label="Description" multiline required={link.descriptionField === "REQUIRED"} error={e.description} defaultValue={v.description} /> : null}
      {link.consentText ? (
        <div>
          <div className="flex items-start gap-3">
            <input
              id="field-consent"
              name="consent"
              type="checkbox"
              className="mt-1 h-5 w-5"
              defaultChecked={v.consent === "on"}
              aria-invalid={e.consent ? true : undefined}
              aria-describedby={e.consent ? "field-consent-error" : undefined}
            />
            <label htmlFor="field-consent" className="text-sm text-slate-800">
              {link.consentText}
            </label>
          </div>
          {e.consent ? (
            <p id="field-consent-error" className="mt-1 text-sm text-red-700">
              {e.consent}
            </p>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
