"use client";
import { useState } from "react";
import { FieldErrorList } from "@/components/ui/field";

type Row = { id: number; key: string; value: string };

/** Custom variables as key = value rows, sent along with every upload token of the link. */
export function VariablesEditor({ initial, errors }: { initial: { key: string; value: string }[]; errors?: string[] }) {
  const [rows, setRows] = useState<Row[]>(() => initial.map((r, i) => ({ id: i, ...r })));
  const [next, setNext] = useState(initial.length);
  const update = (id: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  return (
    <fieldset aria-describedby="vars-help vars-error">
      <legend className="text-sm font-medium text-slate-800">Custom variables</legend>
      <p id="vars-help" className="mt-1 text-sm text-slate-600">
        Stored on each video in TwentyThree, e.g. campaign = spring-2026.
      </p>
      <ul className="mt-2 space-y-2">
        {rows.map((r, i) => (
          <li key={r.id} className="flex flex-wrap items-center gap-2">
            <label className="sr-only" htmlFor={`var-key-${r.id}`}>{`Variable ${i + 1} name`}</label>
            <input
              id={`var-key-${r.id}`}
              name="varKey"
              value={r.key}
              onChange={(e) => update(r.id, { key: e.target.value })}
              placeholder="name"
              className="min-w-0 flex-1 rounded-md border border-slate-300 px-3 py-2"
            />
            <span aria-hidden="true">=</span>
            <label className="sr-only" htmlFor={`var-value-${r.id}`}>{`Variable ${i + 1} value`}</label>
            <input
              id={`var-value-${r.id}`}
              name="varValue"
              value={r.value}
              onChange={(e) => update(r.id, { value: e.target.value })}
              placeholder="value"
              className="min-w-0 flex-1 rounded-md border border-slate-300 px-3 py-2"
            />
            <button type="button" onClick={() => setRows((rs) => rs.filter((x) => x.id !== r.id))} className="px-2 py-2 text-sm text-red-800 underline">
              Remove<span className="sr-only">{` variable ${i + 1}`}</span>
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        onClick={() => {
          setRows((rs) => [...rs, { id: next, key: "", value: "" }]);
          setNext(next + 1);
        }}
        className="mt-2 text-sm font-semibold text-blue-800 underline"
      >
        Add a variable
      </button>
      <FieldErrorList id="vars-error" errors={errors} />
    </fieldset>
  );
}
