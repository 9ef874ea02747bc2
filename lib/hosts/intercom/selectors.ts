/**
 * Where Intercom shows a record, as data (tested against tests/fixtures/hosts/intercom/). Intercom renames
 * its class prefixes between releases (`inbox2__` became `inbox-2__`), so no selector spells a prefix:
 * `data-*` attributes first, then class names matched by what follows the `__`, then mailto: and record links.
 */
export const INTERCOM_SELECTORS = {
  /** The conversation a pane belongs to, on the pane or an ancestor. */
  conversationId: 'data-conversation-id',
  details: ['[data-intercom-target="conversation-details"]', '[class*="__conversation-details-sidebar"]'],
  contact: {
    name: ['[data-intercom-target="user-name"]', '[class*="__user-name"]'],
    email: ['[data-attribute-name="email"]', '[class*="__user-email"]', 'a[href^="mailto:"]'],
    link: ['a[href*="/users/"]'],
    company: ['[data-intercom-target="company-name"]', '[class*="__company-name"]', 'a[href*="/companies/"]'],
  },
  /** A contact's or a company's profile page, naming its record. */
  profileId: { intercom_contact_id: 'data-user-id', intercom_company_id: 'data-company-id' },
  profileName: ['[data-intercom-target="profile-name"]', '[class*="__profile-name"]', 'h1'],
  profileEmail: ['[data-attribute-name="email"]', '[class*="__profile-email"]', 'a[href^="mailto:"]'],
} as const;

/** A contact's id in a link to their profile: `/a/apps/APP/users/ID`. */
export const CONTACT_LINK = /\/a\/apps\/[a-z0-9]+\/users\/([0-9a-f]{24})(?:[/?#]|$)/;
