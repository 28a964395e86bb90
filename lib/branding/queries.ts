import "server-only";
import { cache } from "react";
import { effectiveBranding, readBranding, toValues } from "./data";
import { SITE_SCOPE, type BrandingValues, type BrandView } from "./schema";

/** Per request: the intake page and its metadata read the same branding once. */
export const brandingForLink = cache((linkId: string): Promise<BrandView> => effectiveBranding(linkId));

export async function brandingValues(scope: string): Promise<BrandingValues> {
  return toValues(await readBranding(scope));
}

/** A stored logo's bytes and sniffed type, for the public logo route. */
export { logoByHash as logoBytes } from "./data";

/** What the admin's live preview starts from: the link's saved branding and the site default (an emptied field inherits it). */
export async function previewBasis(linkId: string): Promise<{ saved: BrandView; site: BrandView }> {
  const [saved, site] = await Promise.all([effectiveBranding(linkId), effectiveBranding(SITE_SCOPE)]);
  return { saved, site };
}
