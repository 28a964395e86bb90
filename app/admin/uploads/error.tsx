"use client";
export default function UploadsError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="space-y-3 rounded-lg border border-red-200 bg-red-50 p-4 text-red-900">
      <p>The uploads could not be loaded. Try again; if it keeps happening, check the server log.</p>
      <button type="button" onClick={reset} className="rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-semibold">
        Try again
      </button>
    </div>
  );
}
