// Outcome of a moderation action: failures are alerts (TwentyThree's own words), successes a status.
export function ActionMessage({ state }: { state: { ok: boolean; message?: string } }) {
  return (
    <div aria-live="polite">
      {state.message ? (
        <p role={state.ok ? "status" : "alert"} className={`rounded-md px-3 py-2 text-sm font-medium ${state.ok ? "bg-green-50 text-green-900" : "bg-red-50 text-red-800"}`}>
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
