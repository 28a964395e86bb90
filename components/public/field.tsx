// A labelled input with its error tied to it for screen readers.
type Props = {
  name: string;
  label: string;
  required?: boolean;
  error?: string;
  defaultValue?: string;
  type?: string;
  multiline?: boolean;
  autoComplete?: string;
  hint?: string;
};

export function Field({ name, label, required, error, defaultValue, type = "text", multiline, autoComplete, hint }: Props) {
  const id = `field-${name}`;
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const cls = `mt-1 block w-full rounded-lg border px-3 py-2 text-base shadow-sm ${error ? "border-red-600" : "border-slate-300"}`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label} {required ? <span aria-hidden="true" className="text-red-700">*</span> : <span className="font-normal text-slate-500">(optional)</span>}
      </label>
      {hint ? <p id={`${id}-hint`} className="text-xs text-slate-500">{hint}</p> : null}
      {multiline ? (
        <textarea id={id} name={name} rows={4} required={required} aria-invalid={error ? true : undefined} aria-describedby={described} defaultValue={defaultValue} className={cls} />
      ) : (
        <input id={id} name={name} type={type} required={required} autoComplete={autoComplete} aria-invalid={error ? true : undefined} aria-describedby={described} defaultValue={defaultValue} className={cls} />
      )}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
