// Whether the browser may upload to TwentyThree from this page's origin. A cross-origin GET to
// the redeem URL (answered, even with an error status, when CORS allows it) tells before any
// file byte is sent; a TypeError means the browser blocked it, so the page falls back to a plain
// form post. The probe carries no token and no file.
export async function canUploadCrossOrigin(redeemUrl: string, fetchFn: typeof fetch = fetch, timeoutMs = 8000): Promise<boolean> {
  try {
    await fetchFn(redeemUrl, { method: "GET", mode: "cors", credentials: "omit", cache: "no-store", signal: AbortSignal.timeout(timeoutMs) });
    return true;
  } catch {
    return false;
  }
}
