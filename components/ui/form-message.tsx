// The form-level outcome of a server action, announced to screen readers.
export function FormMessage({ state, id }: { state: { ok: boolean; message?: string }; id?: string }) {
  return (
    <div id={id} aria-live="polite" role="status" className="min-h-0">
      {state.message ? (
        <p className={`rounded-md px-3 py-2 text-sm font-medium ${state.ok ? "bg-green-50 text-green-900" : "bg-red-50 text-red-800"}`}>
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
