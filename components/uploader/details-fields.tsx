// The visitor's details for the one-page uploader: the same fields and messages as the no-JS form.
import { Field } from "@/components/public/field";
import type { FieldErrors } from "@/lib/intake/details";
import type { PublicLinkView } from "@/lib/intake/view";

export function DetailsFields({ link, errors }: { link: PublicLinkView; errors: FieldErrors }) {
  const e = errors;
  return (
    <>
      {link.nameField !== "OFF" ? <Field name="name" label="Your name" autoComplete="name" required={link.nameField === "REQUIRED"} error={e.name} /> : null}
      {link.emailField !== "OFF" ? <Field name="email" type="email" label="Email address" autoComplete="email" required={link.emailField === "REQUIRED"} error={e.email} /> : null}
      {link.titleField !== "OFF" ? <Field name="title" label="Title of your video" required={link.titleField === "REQUIRED"} error={e.title} /> : null}
      {link.descriptionField !== "OFF" ? <Field name="description" label="Description" multiline required={link.descriptionField === "REQUIRED"} error={e.description} /> : null}
      {link.consentText ? (
        <div>
          <div className="flex items-start gap-3">
            <input
              id="field-consent"
              name="consent"
              type="checkbox"
              className="mt-1 h-5 w-5"
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
