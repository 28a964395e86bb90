"use client";
// Over 200 lines: one form for every link setting; each feature's fields live in their own component, this file lays them out.
import { useActionState, useState } from "react";
import { createLinkAction, updateLinkAction } from "@/lib/links/actions";
import { AlbumPicker } from "@/components/admin/album-picker";
import { LinkRecordingFields } from "@/components/admin/link-recording-fields";
import { VariablesEditor } from "@/components/admin/variables-editor";
import { LinkLanguageField } from "@/components/admin/link-language-field";
import { ContributorLinkFields } from "@/components/contributor/link-fields";
import { CheckboxField, SelectField, TextArea, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialState } from "@/lib/auth/action-state";
import type { AlbumsResult } from "@/lib/links/albums";
import { slugify, type LinkFormDefaults } from "@/lib/links/schema";

type Props = {
  defaults: LinkFormDefaults;
  connections: { id: string; name: string; isDefault: boolean }[];
  albums: Record<string, AlbumsResult>;
  publicBase: string;
  members?: { email: string; name: string }[];
};

const MODES = [
  ["REQUIRED", "Required"],
  ["OPTIONAL", "Optional"],
  ["OFF", "Not asked"],
] as const;

export function LinkForm({ defaults, connections, albums, publicBase, members = [] }: Props) {
  const editing = Boolean(defaults.id);
  const [state, action] = useActionState(editing ? updateLinkAction : createLinkAction, initialState);
  const [connectionId, setConnectionId] = useState(defaults.text.connectionId ?? "");
  const [albumIds, setAlbumIds] = useState(defaults.albumIds);
  const [slug, setSlug] = useState(defaults.text.slug ?? "");
  const [slugTouched, setSlugTouched] = useState(editing);
  const e = state.fieldErrors ?? {};
  const v = (k: string) => state.values?.[k] ?? defaults.text[k] ?? "";
  const flag = (k: keyof LinkFormDefaults["flags"]) => (state.values ? state.values[k] === "on" : defaults.flags[k]);

  return (
    <form action={action} className="space-y-6" noValidate>
      {defaults.id ? <input type="hidden" name="id" value={defaults.id} /> : null}
      <FormMessage state={state} />
      <Section title="Basics">
        <TextField
          label="Title"
          name="title"
          required
          defaultValue={v("title")}
          errors={e.title}
          hint="Shown as the heading of the public page."
          onChange={(ev) => !slugTouched && setSlug(slugify(ev.target.value))}
        />
        <TextField
          label="Slug"
          name="slug"
          required
          value={slug}
          onChange={(ev) => {
            setSlugTouched(true);
            setSlug(ev.target.value);
          }}
          errors={e.slug}
          hint={`Public address: ${publicBase}/u/${slug || "…"} · lowercase letters, digits and hyphens, 3–64 characters.`}
        />
        <TextArea label="Instructions for visitors" name="instructions" defaultValue={v("instructions")} errors={e.instructions} rows={4} />
        <CheckboxField label="Active (visitors can upload)" name="active" defaultChecked={flag("active")} />
        <CheckboxField
          label="Team members only"
          name="membersOnly"
          defaultChecked={flag("membersOnly")}
          hint="Visitors must sign in; the contact fields below are skipped and the upload records which member sent it."
        />
      </Section>
      <Section title="Telling the team">
        {members.length ? (
          <fieldset className="space-y-1">
            <legend className="font-medium">E-mail these team members</legend>
            {members.map((m) => (
              <CheckboxField
                key={m.email}
                label={m.name ? `${m.name} (${m.email})` : m.email}
                name="notifyMembers"
                value={m.email}
                defaultChecked={(state.values ? (state.values.notifyEmails ?? "") : (defaults.text.notifyEmails ?? "")).split("\n").includes(m.email)}
              />
            ))}
          </fieldset>
        ) : null}
        <TextArea
          label="E-mail these people"
          name="notifyEmails"
          defaultValue={v("notifyEmails")
            .split("\n")
            .filter((a) => !members.some((m) => m.email === a))
            .join("\n")}
          errors={e.notifyEmails}
          rows={3}
          hint="Anyone else's addresses, one per line. Everyone chosen gets a message with the thumbnail, who sent it and a button to review it."
        />
        <SelectField label="When to e-mail" name="notifyMode" defaultValue={v("notifyMode") || "EACH"} errors={e.notifyMode}>
          <option value="EACH">For each upload, as it is confirmed</option>
          <option value="DIGEST">A daily digest (08:00 UTC)</option>
          <option value="OFF">Never</option>
        </SelectField>
        <CheckboxField label="Also e-mail when a video is ready to watch" name="notifyReady" defaultChecked={flag("notifyReady")} />
        <ContributorLinkFields value={v("withdrawPolicy")} errors={e.withdrawPolicy} />
        <LinkLanguageField value={v("language")} errors={e.language} />
      </Section>
      <Section title="Destination">
        <SelectField
          label="TwentyThree connection"
          name="connectionId"
          value={connectionId}
          onChange={(ev) => setConnectionId(ev.target.value)}
          errors={e.connectionId}
        >
          {connections.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
              {c.isDefault ? " (default)" : ""}
            </option>
          ))}
        </SelectField>
        <AlbumPicker result={albums[connectionId]} selected={albumIds} onChange={setAlbumIds} errors={e.albumIds} />
        <TextField label="Tags" name="tags" defaultValue={v("tags")} errors={e.tags} hint="Comma-separated, e.g. testimonial, spring-2026." />
        <CheckboxField
          label="Publish uploads right away"
          name="publish"
          defaultChecked={flag("publish")}
          hint="Off: videos arrive unpublished so a team member can review them first."
        />
        <VariablesEditor initial={defaults.customVariables} errors={e.customVariables} />
      </Section>
      <Section title="What visitors are asked">
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          {(["nameField", "emailField", "titleField", "descriptionField"] as const).map((k) => (
            <SelectField
              key={k}
              label={{ nameField: "Name", emailField: "Email", titleField: "Video title", descriptionField: "Description" }[k]}
              name={k}
              defaultValue={v(k)}
              errors={e[k]}
            >
              {MODES.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </SelectField>
          ))}
        </div>
        <TextArea
          label="Consent text"
          name="consentText"
          defaultValue={v("consentText")}
          errors={e.consentText}
          hint="If set, visitors must tick this before uploading."
        />
      </Section>
      <Section title="Recording">
        {defaults.recording ? <LinkRecordingFields defaults={defaults.recording} values={state.values} errors={e.recording} /> : null}
      </Section>
      <Section title="Limits">
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <TextField
            label="Upload window (minutes)"
            name="validMinutes"
            type="number"
            inputMode="numeric"
            min={5}
            defaultValue={v("validMinutes")}
            errors={e.validMinutes}
          />
          <TextField label="Files per visit" name="maxUploads" type="number" inputMode="numeric" min={1} defaultValue={v("maxUploads")} errors={e.maxUploads} />
          <TextField
            label="Maximum file size (MB)"
            name="maxFileMegabytes"
            type="number"
            inputMode="numeric"
            defaultValue={v("maxFileMegabytes")}
            errors={e.maxFileMegabytes}
            hint="Blank: no limit."
          />
          <TextField
            label="Maximum duration (seconds)"
            name="maxDurationSeconds"
            type="number"
            inputMode="numeric"
            defaultValue={v("maxDurationSeconds")}
            errors={e.maxDurationSeconds}
            hint="Blank: no limit."
          />
          <TextField
            label="Total upload quota"
            name="uploadQuota"
            type="number"
            inputMode="numeric"
            defaultValue={v("uploadQuota")}
            errors={e.uploadQuota}
            hint="Blank: unlimited."
          />
          <TextField label="Closes at" name="expiresAt" type="datetime-local" defaultValue={v("expiresAt")} errors={e.expiresAt} hint="Blank: stays open." />
        </div>
      </Section>
      <SubmitButton pendingText="Saving…">{editing ? "Save changes" : "Create link"}</SubmitButton>
    </form>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <legend className="px-1 text-lg font-semibold">{title}</legend>
      {children}
    </fieldset>
  );
}
