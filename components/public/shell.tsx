// The frame of every public (visitor) page: readable on a 360 px phone, one column.
export function PublicShell({ children }: { children: React.ReactNode }) {
  return (
    <main id="main" className="mx-auto w-full max-w-xl px-4 py-8 sm:py-12">
      <div className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-8">{children}</div>
      <p className="mt-6 text-center text-xs text-slate-500">Your video goes straight to the team&apos;s video library.</p>
    </main>
  );
}

export function Notice({ title, children, tone = "info" }: { title: string; children?: React.ReactNode; tone?: "info" | "error" | "success" }) {
  const tones = { info: "bg-blue-50 text-blue-900 ring-blue-200", error: "bg-red-50 text-red-900 ring-red-200", success: "bg-green-50 text-green-900 ring-green-200" };
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-lg p-4 ring-1 ${tones[tone]}`}>
      <p className="font-semibold">{title}</p>
      {children ? <div className="mt-1 text-sm">{children}</div> : null}
    </div>
  );
}
