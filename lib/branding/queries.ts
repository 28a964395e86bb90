import "server-only";
import { cache } from "react";
import { effectiveBranding, readBranding, toValues } from "./data";
import type { BrandingValues, BrandView } from "./schema";

/** Per request: the intake page and its metadata read the same branding once. */
export const brandingForLink = cache((linkId: string): Promise<BrandView> => effectiveBranding(linkId));

export async function brandingValues(scope: string): Promise<BrandingValues> {
  return toValues(await readBranding(scope));
}

/** A stored logo's bytes and sniffed type, for the public logo route. */
export { logoByHash as logoBytes } from "./data";
