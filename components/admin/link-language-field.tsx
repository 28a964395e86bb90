// The link form's language setting (issue #18): the public page, its e-mails to contributors and
// the uploader speak this language, or the visitor's browser language (the default).
import { SelectField } from "@/components/ui/field";
import { localeNames, locales } from "@/lib/i18n/locales";

export function LinkLanguageField({ value, errors }: { value: string; errors?: string[] }) {
  return (
    <SelectField
      label="Language of the public page"
      name="language"
      defaultValue={value}
      errors={errors}
      hint="Visitors can still switch language on the page. The receipt e-mail follows the language their page was in."
    >
      <option value="">The visitor&apos;s browser language</option>
      {locales.map((l) => (
        <option key={l} value={l}>
          {localeNames[l]}
        </option>
      ))}
    </SelectField>
  );
}
