"use client";
// Invite one person, or paste or pick a CSV list. "Check" shows who would be invited and the first
// e-mail as it will be sent, or every line that needs fixing (nothing is stored until all are
// good); "Send" stores and sends them all.
import { useActionState, useState } from "react";
import { TextArea, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { inviteAction, type InviteState } from "@/lib/invitations/actions";

export function InviteForm({ linkId }: { linkId: string }) {
  const [state, action] = useActionState<InviteState, FormData>(inviteAction, { ok: false });
  const [csv, setCsv] = useState("");
  const [mode, setMode] = useState<"one" | "list">("list");
  const pickFile = async (file: File | undefined) => {
    if (file) setCsv(await file.text());
  };
  const preview = state.ok ? state.preview : undefined;
  return (
    <div className="space-y-4">
      <div role="radiogroup" aria-label="Whom to invite" className="flex gap-4 text-sm">
        <label className="flex items-center gap-2">
          <input type="radio" name="mode" checked={mode === "list"} onChange={() => setMode("list")} /> A list (CSV)
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="mode" checked={mode === "one"} onChange={() => setMode("one")} /> One person
        </label>
      </div>
      <form action={action} className="space-y-3">
        <input type="hidden" name="linkId" value={linkId} />
        <input type="hidden" name="intent" value="check" />
        {mode === "one" ? (
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField name="name" label="Name" required />
            <TextField name="email" label="E-mail address" type="email" required />
          </div>
        ) : (
          <>
            <TextArea
              name="csv"
              label="Name and e-mail, one person per line"
              rows={6}
              value={csv}
              onChange={(e) => setCsv(e.target.value)}
              hint='Like "Jane Doe,jane@example.com". With a header row (name,email,company…) extra columns become placeholders.'
              className="font-mono"
            />
            <label className="block text-sm">
              <span className="font-medium">Or pick a CSV file</span>
              <input type="file" accept=".csv,text/csv,text/plain" className="mt-1 block" onChange={(e) => void pickFile(e.target.files?.[0])} />
            </label>
          </>
        )}
        <SubmitButton variant="secondary" pendingText="Checking…">
          Check and preview
        </SubmitButton>
      </form>
      <FormMessage state={state.ok && preview ? { ok: true } : state} />
      {state.errors?.length ? (
        <ul className="list-disc space-y-1 pl-5 text-sm text-red-800" aria-label="Lines to fix" data-testid="row-errors">
          {state.errors.map((e, i) => (
            <li key={i}>{e.line ? `Line ${e.line}: ${e.message}` : e.message}</li>
          ))}
        </ul>
      ) : null}
      {preview ? (
        <section aria-label="Invitation preview" className="space-y-3 rounded-md bg-slate-50 p-4 ring-1 ring-slate-200" data-testid="invite-preview">
          <p className="text-sm">
            <strong>{preview.people.length}</strong> {preview.people.length === 1 ? "person" : "people"}:{" "}
            {preview.people.map((p) => `${p.name} <${p.email}>`).join(", ")}
          </p>
          <p className="text-xs font-medium uppercase text-slate-500">The e-mail to {preview.people[0]?.name}</p>
          <p className="font-semibold">{preview.subject}</p>
          <p className="whitespace-pre-line text-sm">{preview.body}</p>
          <form action={action}>
            <input type="hidden" name="linkId" value={linkId} />
            <input type="hidden" name="intent" value="send" />
            <input type="hidden" name="csv" value={state.csv ?? ""} />
            <SubmitButton pendingText="Sending…">Send {preview.people.length === 1 ? "the invitation" : `${preview.people.length} invitations`}</SubmitButton>
          </form>
        </section>
      ) : null}
    </div>
  );
}
