"use client";
// The link's invitation e-mail and reminders. The preview beside it fills the placeholders with
// a sample invitee through the same fillTemplate the sender uses, so what is shown is what goes out.
import { useActionState, useState } from "react";
import { TextArea, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialState } from "@/lib/auth/action-state";
import { saveInviteTemplate } from "@/lib/invitations/actions";
import { BUILT_IN_PLACEHOLDERS, fillTemplate, unknownPlaceholders } from "@/lib/invitations/template";

type Settings = {
  id: string;
  title: string;
  subject: string;
  body: string;
  validDays: number;
  reminderCount: number;
  intervalHours: number;
  sampleUrl: string;
};

export function InviteTemplateForm({ s }: { s: Settings }) {
  const [state, action] = useActionState(saveInviteTemplate, initialState);
  const [subject, setSubject] = useState(s.subject);
  const [body, setBody] = useState(s.body);
  const e = state.fieldErrors ?? {};
  const sample = { name: "Jane Doe", email: "jane@example.com", title: s.title, link: s.sampleUrl, expires: "(the expiry date)" };
  const unknown = unknownPlaceholders(`${subject}\n${body}`);
  return (
    <form action={action} className="grid gap-6 lg:grid-cols-2">
      <input type="hidden" name="linkId" value={s.id} />
      <div className="space-y-4">
        <TextField name="inviteSubject" label="Subject" value={subject} onChange={(ev) => setSubject(ev.target.value)} errors={e.inviteSubject} />
        <TextArea
          name="inviteBody"
          label="Message"
          rows={10}
          value={body}
          onChange={(ev) => setBody(ev.target.value)}
          errors={e.inviteBody}
          hint={`Placeholders: ${BUILT_IN_PLACEHOLDERS.map((p) => `{{${p}}}`).join(" ")} and any extra CSV column, e.g. {{company}}. The personal link is also added as a button.`}
        />
        <div className="grid grid-cols-3 gap-3">
          <TextField
            name="inviteValidDays"
            label="Link works for (days)"
            type="number"
            min={1}
            max={365}
            defaultValue={s.validDays}
            errors={e.inviteValidDays}
          />
          <TextField name="reminderCount" label="Reminders" type="number" min={0} max={5} defaultValue={s.reminderCount} errors={e.reminderCount} />
          <TextField
            name="reminderIntervalHours"
            label="Hours between"
            type="number"
            min={1}
            max={720}
            defaultValue={s.intervalHours}
            errors={e.reminderIntervalHours}
          />
        </div>
        <p className="text-sm text-slate-600">Reminders stop as soon as the person uploads, unsubscribes, or you revoke their invitation.</p>
        <SubmitButton pendingText="Saving…">Save the e-mail and reminders</SubmitButton>
        <FormMessage state={state} />
      </div>
      <section aria-label="Preview" className="rounded-md bg-slate-50 p-4 ring-1 ring-slate-200" data-testid="template-preview">
        <p className="text-xs font-medium uppercase text-slate-500">Preview for a sample invitee</p>
        <p className="mt-2 font-semibold">{fillTemplate(subject, sample)}</p>
        <p className="mt-2 whitespace-pre-line text-sm text-slate-800">{fillTemplate(body, sample)}</p>
        {unknown.length ? (
          <p className="mt-3 text-sm text-amber-800" role="status">
            Unknown placeholders (left empty unless your CSV has such a column): {unknown.map((u) => `{{${u}}}`).join(", ")}
          </p>
        ) : null}
      </section>
    </form>
  );
}
