/**
 * "Always for this site": the sites whose pages the user lets Sidechat share without asking each
 * time. Kept in storage.local (this device only), listed and revocable in Options.
 */
import { storage } from 'wxt/utils/storage';

export interface SiteGrant {
  /** An origin, e.g. `https://example.com`, or `file://` for local files. */
  site: string;
  grantedAt: number;
}

export const siteGrantsItem = storage.defineItem<SiteGrant[]>('local:pageSharingSites', { fallback: [] });

export async function isAlwaysAllowed(site: string): Promise<boolean> {
  return (await siteGrantsItem.getValue()).some((grant) => grant.site === site);
}

export async function allowAlways(site: string, now = Date.now()): Promise<void> {
  const grants = await siteGrantsItem.getValue();
  if (!grants.some((grant) => grant.site === site)) await siteGrantsItem.setValue([...grants, { site, grantedAt: now }]);
}

export async function revokeSite(site: string): Promise<void> {
  await siteGrantsItem.setValue((await siteGrantsItem.getValue()).filter((grant) => grant.site !== site));
}
