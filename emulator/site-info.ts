import type { Emu } from "./context.ts";
import { siteInfo } from "./store.ts";

export function site(emu: Emu): Record<string, string> {
  const s = siteInfo(emu.db);
  return { domain: emu.domain, site_id: s.site_id ?? "1", site_name: s.site_name ?? "", product_key: s.product_key ?? "" };
}
