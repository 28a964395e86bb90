// "Consent withdrawn" beside an upload's state, in the list and on the review page (issue #17).
export function WithdrawnBadge({ at }: { at: Date | string | null }) {
  if (!at) return null;
  return (
    <span data-testid="withdrawn-badge" className="inline-block rounded bg-red-700 px-2 py-0.5 text-xs font-semibold text-white">
      Consent withdrawn
    </span>
  );
}
