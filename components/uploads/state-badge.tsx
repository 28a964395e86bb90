import { STATE_TEXT, type UploadStateName } from "@/lib/uploads/states";

// Colour is a hint only; the word carries the meaning.
const tone: Record<UploadStateName, string> = {
  RECEIVED: "bg-slate-100 text-slate-800",
  VERIFIED: "bg-amber-100 text-amber-900",
  FAILED: "bg-red-100 text-red-900",
  PUBLISHED: "bg-green-100 text-green-900",
  REJECTED: "bg-orange-100 text-orange-900",
  DELETED: "bg-slate-200 text-slate-600 line-through",
  DISOWNED: "bg-red-50 text-red-900 ring-1 ring-red-200",
};

export function StateBadge({ state, testId }: { state: UploadStateName; testId?: string }) {
  return (
    <span data-testid={testId} className={`inline-block rounded px-2 py-0.5 text-xs font-semibold ${tone[state]}`}>
      {STATE_TEXT[state].staff}
    </span>
  );
}
