// The link form's contributor-page setting (issue #17), included by components/admin/link-form.tsx.
import { SelectField } from "@/components/ui/field";

export function ContributorLinkFields({ value, errors }: { value: string; errors?: string[] }) {
  return (
    <SelectField
      label="When a contributor withdraws consent"
      name="withdrawPolicy"
      defaultValue={value || "unpublish"}
      errors={errors}
      hint="Contributors get a private page (link in their receipt e-mail) where they can replace their video or withdraw consent. Only staff can publish a withdrawn video again, with a recorded reason."
    >
      <option value="unpublish">Unpublish the video on TwentyThree at once</option>
      <option value="delete">Delete the video from TwentyThree at once</option>
    </SelectField>
  );
}
