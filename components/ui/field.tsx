// Labelled form controls with their hint and error wired to aria-describedby / aria-invalid.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

type Common = { label: ReactNode; name: string; hint?: ReactNode; errors?: string[] };

const control =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm aria-[invalid=true]:border-red-600 disabled:bg-slate-100";

function Described({ id, hint, errors }: { id: string; hint?: ReactNode; errors?: string[] }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <div id={`${id}-error`} aria-live="polite" aria-atomic="true">
        {errors?.map((e) => (
          <p key={e} className="mt-1 text-sm font-medium text-red-700">
            {e}
          </p>
        ))}
      </div>
    </>
  );
}

function describedBy(id: string, hint?: ReactNode, errors?: string[]) {
  return [hint ? `${id}-hint` : "", errors?.length ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
}

export function TextField({ label, name, hint, errors, id, ...rest }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const fid = id ?? `f-${name}`;
  return (
    <div>
      <label htmlFor={fid} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input id={fid} name={name} className={control} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy(fid, hint, errors)} {...rest} />
      <Described id={fid} hint={hint} errors={errors} />
    </div>
  );
}

export function TextArea({ label, name, hint, errors, id, ...rest }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const fid = id ?? `f-${name}`;
  return (
    <div>
      <label htmlFor={fid} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea id={fid} name={name} rows={3} className={control} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy(fid, hint, errors)} {...rest} />
      <Described id={fid} hint={hint} errors={errors} />
    </div>
  );
}

export function SelectField({ label, name, hint, errors, id, children, ...rest }: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  const fid = id ?? `f-${name}`;
  return (
    <div>
      <label htmlFor={fid} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select id={fid} name={name} className={control} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy(fid, hint, errors)} {...rest}>
        {children}
      </select>
      <Described id={fid} hint={hint} errors={errors} />
    </div>
  );
}

export function CheckboxField({ label, name, hint, errors, id, ...rest }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const fid = id ?? `f-${name}`;
  return (
    <div>
      <div className="flex items-start gap-2">
        <input id={fid} name={name} type="checkbox" className="mt-1 h-5 w-5" aria-describedby={describedBy(fid, hint, errors)} {...rest} />
        <label htmlFor={fid} className="text-sm font-medium text-slate-800">
          {label}
        </label>
      </div>
      <Described id={fid} hint={hint} errors={errors} />
    </div>
  );
}
