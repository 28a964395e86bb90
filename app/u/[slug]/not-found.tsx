import { PublicShell } from "@/components/public/shell";

export default function LinkNotFound() {
  return (
    <PublicShell>
      <h1 className="text-2xl font-bold">This upload link does not exist</h1>
      <p className="mt-3 text-slate-700">Check the address you were given, or ask the person who sent it for a new link.</p>
    </PublicShell>
  );
}
