// An accessible progress bar: role=progressbar with the value, and a readable text alongside.
export function ProgressBar({ percent, label, valueText }: { percent: number; label: string; valueText: string }) {
  const p = Math.max(0, Math.min(100, Math.floor(percent)));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={p}
      aria-valuetext={valueText}
      className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
    >
      <div className="h-full rounded-full bg-blue-700 transition-[width] duration-200" style={{ width: `${p}%` }} />
    </div>
  );
}
