// The form-level outcome of a server action (admin, sign-in and moderation forms alike): a
// failure is an alert, a success a status, inside a polite live region that is always present so
// the message is announced when it appears.
export function FormMessage({ state, id }: { state: { ok: boolean; message?: string }; id?: string }) {
  return (
    <div id={id} aria-live="polite">
      {state.message ? (
        <p
          role={state.ok ? "status" : "alert"}
          className={`rounded-md px-3 py-2 text-sm font-medium ${state.ok ? "bg-green-50 text-green-900" : "bg-red-50 text-red-800"}`}
        >
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
