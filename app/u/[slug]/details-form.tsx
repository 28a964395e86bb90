"use client";

import { useActionState } from "react";
import { Field } from "@/components/public/field";
import { Notice } from "@/components/public/shell";
import type { PublicLinkView } from "@/lib/intake/view";
import { startUpload, type DetailsState } from "./actions";

export function DetailsForm({ link }: { link: PublicLinkView }) {
  const [state, action, pending] = useActionState<DetailsState, FormData>(startUpload, {});
  const e = state.fieldErrors ?? {};
  const v = state.values ?? {};
  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      <input type="hidden" name="slug" value={link.slug} />
      <div aria-live="polite">
        {state.message ? (
          <Notice tone="error" title={state.message}>
            {state.retryable ? "Your details are kept: press the button again to retry." : null}
          </Notice>
        ) : null}
      </div>
      {link.nameField !== "OFF" ? <Field name="name" label="Your name" autoComplete="name" required={link.nameField === "REQUIRED"} error={e.name} defaultValue={v.name} /> : null}
      {link.emailField !== "OFF" ? (
        <Field name="email" type="email" label="Email address" autoComplete="email" required={link.emailField === "REQUIRED"} error={e.email} defaultValue={v.email} />
      ) : null}
      {link.titleField !== "OFF" ? <Field name="title" label="Title of your video" required={link.titleField === "REQUIRED"} error={e.title} defaultValue={v.title} /> : null}
      {link.descriptionField !== "OFF" ? (
        <Field name="description" label="Description" multiline required={link.descriptionField === "REQUIRED"} error={e.description} defaultValue={v.description} />
      ) : null}
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
      <button type="submit" disabled={pending} className="w-full rounded-lg bg-blue-700 px-4 py-3 text-base font-semibold text-white hover:bg-blue-800 disabled:opacity-60">
        {pending ? "Preparing your upload…" : "Continue to upload"}
      </button>
    </form>
  );
}
