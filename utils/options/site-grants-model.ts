/** The options page's list of sites that share without asking, kept in step with storage. */
import { signal } from '@preact/signals';
import { revokeSite, siteGrantsItem, type SiteGrant } from '../site-consent';

export type SiteGrantsModel = ReturnType<typeof createSiteGrantsModel>;

export function createSiteGrantsModel() {
  const grants = signal<SiteGrant[]>([]);

  async function load(): Promise<void> {
    grants.value = await siteGrantsItem.getValue();
    // A grant made in the panel while Options is open shows up at once.
    siteGrantsItem.watch((next) => (grants.value = next));
  }

  async function revoke(site: string): Promise<void> {
    await revokeSite(site);
    grants.value = await siteGrantsItem.getValue();
  }

  return { grants, load, revoke };
}
