// The one set of labelled form controls (admin, sign-in and visitor pages): each control's hint
// and errors are tied to it by aria-describedby, aria-invalid marks it while it has errors, and
// its id is `field-<name>` unless given (the visitor uploader focuses the first refused field by
// that id). Required fields show a "*" hidden from screen readers (the `required` attribute
// already says it); `markOptional` writes "(optional)" on the others, for forms mostly required
// (a string instead of `true` is that word in the visitor's language).
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

type Common = { label: ReactNode; name: string; hint?: ReactNode; errors?: string[]; markOptional?: boolean | string };

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
      <FieldErrorList id={`${id}-error`} errors={errors} />
    </>
  );
}

/** A field's (or a fieldset's) errors in a live region that is always present, so they are announced. */
export function FieldErrorList({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <div id={id} aria-live="polite" aria-atomic="true">
      {errors?.map((e) => (
        <p key={e} className="mt-1 text-sm font-medium text-red-700">
          {e}
        </p>
      ))}
    </div>
  );
}

// The "*" stands beside the label, not inside it: the accessible name (and a test's exact label
// match) stays the label's own words; the `required` attribute tells assistive technology.
function Label({ id, label, required, markOptional }: { id: string; label: ReactNode; required?: boolean; markOptional?: boolean | string }) {
  return (
    <div className="text-sm font-medium text-slate-800">
      <label htmlFor={id}>
        {label}
        {!required && markOptional ? (
          <span className="font-normal text-slate-500"> ({typeof markOptional === "string" ? markOptional : "optional"})</span>
        ) : null}
      </label>
      {required ? (
        <span aria-hidden="true" className="text-red-700">
          {" *"}
        </span>
      ) : null}
    </div>
  );
}

/** The aria attributes every control gets from its hint and errors. */
function aria(id: string, hint?: ReactNode, errors?: string[]) {
  const describedBy = [hint ? `${id}-hint` : "", errors?.length ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return { "aria-invalid": errors?.length ? true : undefined, "aria-describedby": describedBy };
}

export function TextField({ label, name, hint, errors, markOptional, id, ...rest }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const fid = id ?? `field-${name}`;
  return (
    <div>
      <Label id={fid} label={label} required={rest.required} markOptional={markOptional} />
      <input id={fid} name={name} className={control} {...aria(fid, hint, errors)} {...rest} />
      <Described id={fid} hint={hint} errors={errors} />
    </div>
  );
}

export function TextArea({ label, name, hint, errors, markOptional, id, ...rest }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const fid = id ?? `field-${name}`;
  return (
    <div>
      <Label id={fid} label={label} required={rest.required} markOptional={markOptional} />
      <textarea id={fid} name={name} rows={3} className={control} {...aria(fid, hint, errors)} {...rest} />
      <Described id={fid} hint={hint} errors={errors} />
    </div>
  );
}

export function SelectField({ label, name, hint, errors, markOptional, id, children, ...rest }: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  const fid = id ?? `field-${name}`;
  return (
    <div>
      <Label id={fid} label={label} required={rest.required} markOptional={markOptional} />
      <select id={fid} name={name} className={control} {...aria(fid, hint, errors)} {...rest}>
        {children}
      </select>
      <Described id={fid} hint={hint} errors={errors} />
    </div>
  );
}

export function CheckboxField({ label, name, hint, errors, id, ...rest }: Omit<Common, "markOptional"> & InputHTMLAttributes<HTMLInputElement>) {
  const fid = id ?? `field-${name}`;
  return (
    <div>
      <div className="flex items-start gap-3">
        <input id={fid} name={name} type="checkbox" className="mt-1 h-5 w-5 shrink-0" {...aria(fid, hint, errors)} {...rest} />
        <label htmlFor={fid} className="text-sm font-medium text-slate-800">
          {label}
        </label>
      </div>
      <Described id={fid} hint={hint} errors={errors} />
    </div>
  );
}
