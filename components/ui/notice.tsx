// A titled message box for visitor pages and the uploader: errors are alerts, the rest a status.
export function Notice({ title, children, tone = "info" }: { title: string; children?: React.ReactNode; tone?: "info" | "error" | "success" }) {
  const tones = {
    info: "bg-blue-50 text-blue-900 ring-blue-200",
    error: "bg-red-50 text-red-900 ring-red-200",
    success: "bg-green-50 text-green-900 ring-green-200",
  };
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-lg p-4 ring-1 ${tones[tone]}`}>
      <p className="font-semibold">{title}</p>
      {children ? <div className="mt-1 text-sm">{children}</div> : null}
    </div>
  );
}
