"use client";
import { useActionState, useState } from "react";
import { saveConnection } from "@/lib/settings/actions";
import { apiUrlChanged, SECRETS_AGAIN_MESSAGE, type ConnectionView } from "@/lib/settings/schema";
import { initialState } from "@/lib/auth/action-state";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

/** Add (no `connection`) or edit. Secret inputs always start empty: stored secrets never come back. */
export function ConnectionForm({ connection, onDone }: { connection?: ConnectionView; onDone?: () => void }) {
  const [state, action] = useActionState(saveConnection, initialState);
  const e = state.fieldErrors;
  const editing = Boolean(connection);
  const v = state.values ?? connection;
  const p = connection?.id ?? "new";
  // The server refuses a new API URL without the secrets (actions.ts); say so while typing.
  const [apiUrl, setApiUrl] = useState(v?.apiUrl ?? "");
  const moved = Boolean(connection && apiUrlChanged(connection.apiUrl, apiUrl));
  const keep = moved ? SECRETS_AGAIN_MESSAGE : editing ? "Stored. Leave blank to keep it; type a new value to replace it." : undefined;
  return (
    <form action={action} className="space-y-4" noValidate>
      {connection ? <input type="hidden" name="id" value={connection.id} /> : null}
      <TextField id={`${p}-name`} label="Name" name="name" required defaultValue={v?.name} errors={e?.name} hint="For you, e.g. “Marketing site”." />
      <TextField
        id={`${p}-apiUrl`}
        label="API URL"
        name="apiUrl"
        type="url"
        required
        defaultValue={v?.apiUrl}
        onChange={(ev) => setApiUrl(ev.target.value)}
        errors={e?.apiUrl}
        hint="Your TwentyThree site's address, e.g. https://video.example.com"
      />
      <TextField
        id={`${p}-consumerKey`}
        label="Consumer key"
        name="consumerKey"
        required
        autoComplete="off"
        defaultValue={v?.consumerKey}
        errors={e?.consumerKey}
      />
      <TextField
        id={`${p}-consumerSecret`}
        label="Consumer secret"
        name="consumerSecret"
        type="password"
        autoComplete="new-password"
        required={!editing || moved}
        errors={e?.consumerSecret}
        hint={keep}
      />
      <TextField
        id={`${p}-accessToken`}
        label="Access token"
        name="accessToken"
        type="password"
        autoComplete="new-password"
        required={!editing || moved}
        errors={e?.accessToken}
        hint={keep}
      />
      <TextField
        id={`${p}-accessTokenSecret`}
        label="Access token secret"
        name="accessTokenSecret"
        type="password"
        autoComplete="new-password"
        required={!editing || moved}
        errors={e?.accessTokenSecret}
        hint={keep}
      />
      <FormMessage state={state} />
      <div className="flex flex-wrap gap-2">
        <SubmitButton pendingText="Saving…">{editing ? "Save connection" : "Add connection"}</SubmitButton>
        {onDone ? (
          <button type="button" onClick={onDone} className="rounded-md px-4 py-2 text-sm font-semibold text-slate-700 underline">
            Close
          </button>
        ) : null}
      </div>
    </form>
  );
}

export function EditConnection({ connection }: { connection: ConnectionView }) {
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)} className="text-sm font-semibold text-blue-800 underline" aria-label={`Edit ${connection.name}`}>
        Edit
      </button>
    );
  return (
    <div className="mt-4 w-full border-t border-slate-200 pt-4">
      <ConnectionForm connection={connection} onDone={() => setOpen(false)} />
    </div>
  );
}
