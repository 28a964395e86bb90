"use client";
import type { AlbumsResult } from "@/lib/links/albums";
import { FieldErrorList } from "@/components/ui/field";

/** Album checkboxes for the chosen connection; chosen ids stay listed even if TwentyThree is unreachable. */
export function AlbumPicker({
  result,
  selected,
  onChange,
  errors,
}: {
  result?: AlbumsResult;
  selected: string[];
  onChange: (ids: string[]) => void;
  errors?: string[];
}) {
  const albums = result?.ok ? result.albums : [];
  const known = new Set(albums.map((a) => a.albumId));
  const rows = [...albums, ...selected.filter((id) => !known.has(id)).map((id) => ({ albumId: id, title: `Album ${id}` }))];
  const toggle = (id: string, on: boolean) => onChange(on ? [...selected, id] : selected.filter((s) => s !== id));
  return (
    <fieldset aria-describedby="albums-help albums-error">
      <legend className="text-sm font-medium text-slate-800">Albums</legend>
      <p id="albums-help" className="mt-1 text-sm text-slate-600">
        Uploads are added to the albums you tick. None: they land in the library only.
      </p>
      {result && !result.ok ? (
        <p role="alert" className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {result.message}
        </p>
      ) : null}
      {rows.length === 0 && result?.ok ? <p className="mt-2 text-sm text-slate-600">This site has no albums yet.</p> : null}
      <ul className="mt-2 grid grid-cols-1 gap-1 sm:grid-cols-2">
        {rows.map((a) => (
          <li key={a.albumId} className="flex items-center gap-2">
            <input
              id={`album-${a.albumId}`}
              type="checkbox"
              name="albumIds"
              value={a.albumId}
              checked={selected.includes(a.albumId)}
              onChange={(e) => toggle(a.albumId, e.target.checked)}
              className="h-5 w-5"
            />
            <label htmlFor={`album-${a.albumId}`} className="text-sm">
              {a.title}
            </label>
          </li>
        ))}
      </ul>
      <FieldErrorList id="albums-error" errors={errors} />
    </fieldset>
  );
}
