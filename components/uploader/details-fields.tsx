// The visitor's details: one set of fields and messages for the no-JS form (which passes back the
// submitted `values`) and the one-page uploader, built from the shared UI kit.
import { useTranslations } from "next-intl";
import { CheckboxField, TextArea, TextField } from "@/components/ui/field";
import type { FieldErrors } from "@/lib/field-errors";
import type { PublicLinkView } from "@/lib/intake/view";

export function DetailsFields({ link, errors, values = {} }: { link: PublicLinkView; errors: FieldErrors; values?: Record<string, string> }) {
  const t = useTranslations("details");
  const e = errors;
  const markOptional = t("optional");
  // An invitee's name and address are filled in from the invitation; they may still change them.
  const v = link.invite ? { name: link.invite.name, email: link.invite.email, ...values } : values;
  const on = (setting: string) => setting !== "OFF";
  const req = (setting: string) => setting === "REQUIRED";
  return (
    <>
      {link.invite ? <input type="hidden" name="invite" value={link.invite.token} /> : null}
      {on(link.nameField) ? (
        <TextField
          name="name"
          label={t("name")}
          autoComplete="name"
          markOptional={markOptional}
          required={req(link.nameField)}
          errors={e.name}
          defaultValue={v.name}
        />
      ) : null}
      {on(link.emailField) ? (
        <TextField
          name="email"
          type="email"
          label={t("email")}
          autoComplete="email"
          markOptional={markOptional}
          required={req(link.emailField)}
          errors={e.email}
          defaultValue={v.email}
        />
      ) : null}
      {on(link.titleField) ? (
        <TextField name="title" label={t("title")} markOptional={markOptional} required={req(link.titleField)} errors={e.title} defaultValue={v.title} />
      ) : null}
      {on(link.descriptionField) ? (
        <TextArea
          name="description"
          label={t("description")}
          rows={4}
          markOptional={markOptional}
          required={req(link.descriptionField)}
          errors={e.description}
          defaultValue={v.description}
        />
      ) : null}
      {link.consentText ? <CheckboxField name="consent" label={link.consentText} errors={e.consent} defaultChecked={v.consent === "on"} /> : null}
    </>
  );
}
