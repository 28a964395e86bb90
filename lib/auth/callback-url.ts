// Where to go after sign-in. Only same-origin relative paths are accepted, so a crafted
// /login?callbackUrl=https://evil.example (or //evil.example, /\evil.example) cannot send anyone away.
export function safeCallbackUrl(value: unknown, fallback = "/admin"): string {
  if (typeof value !== "string" || value === "") return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\\]/.test(value)) return fallback;
  try {
    const url = new URL(value, "http://portal.invalid");
    if (url.origin !== "http://portal.invalid") return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
