// TwentyThree's processing of a confirmed upload: the word carries the meaning, colour is a hint.
type Processing = "PROCESSING" | "READY" | "FAILED" | "TIMED_OUT" | null;

export function processingLabel(p: Processing, percent: number | null): string | null {
  if (p === "PROCESSING") return percent === null ? "Processing" : `Processing ${percent}%`;
  if (p === "READY") return "Ready";
  if (p === "FAILED") return "Processing failed";
  if (p === "TIMED_OUT") return "Processing timed out";
  return null;
}

const tone: Record<Exclude<Processing, null>, string> = {
  PROCESSING: "bg-sky-100 text-sky-900",
  READY: "bg-green-100 text-green-900",
  FAILED: "bg-red-100 text-red-900",
  TIMED_OUT: "bg-red-100 text-red-900",
};

export function ProcessingBadge({ processing, percent }: { processing: Processing; percent: number | null }) {
  const label = processingLabel(processing, percent);
  if (!processing || !label) return null;
  return (
    <span data-testid="processing-state" className={`inline-block rounded px-2 py-0.5 text-xs font-semibold ${tone[processing]}`}>
      {label}
    </span>
  );
}
