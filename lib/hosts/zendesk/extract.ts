import type { IdentifierType } from '../../contract/identifiers.ts';
import { deepQuery, emailIn, isShown, textOf } from '../dom-query.ts';
import type { PageExtras, PageIdentity } from '../types.ts';
import { ZENDESK_SELECTORS as S } from './selectors.ts';

const ENTITY_TYPES: Partial<Record<IdentifierType, string>> = {
  zendesk_ticket_id: 'ticket',
  zendesk_user_id: 'user',
  zendesk_org_id: 'organization',
};

const NOT_YET: PageExtras = { identifiers: [], details: [], settled: false };

/**
 * The active tab's pane, and only when it shows the URL's record: right after a navigation the URL is
 * already the new ticket's while the DOM still shows the old one, whose requester must not be reported.
 */
function activePaneOf(doc: Document, page: PageIdentity): Element | null {
  const [record] = page.identifiers;
  const entityType = record && ENTITY_TYPES[record.type];
  if (!entityType) return null;
  for (const pane of doc.querySelectorAll(S.activeWorkspace)) {
    const same = pane.getAttribute('data-entity-type') === entityType && pane.getAttribute('data-entity-id') === record.value;
    if (same && isShown(pane)) return pane;
  }
  return null;
}

function readRequester(pane: Element): PageExtras {
  const block = deepQuery(pane, S.requester);
  if (!block) return NOT_YET;
  const name = textOf(deepQuery(block, S.person.name));
  const email = emailIn(deepQuery(block, S.person.email));
  const organization = textOf(deepQuery(block, S.person.organization));
  return {
    identifiers: email ? [{ type: 'email', value: email }] : [],
    details: [name, organization].filter((d): d is string => d !== null),
    // The panel renders after the ticket: an empty panel is still on its way.
    settled: name !== null || email !== null,
  };
}

function readProfile(pane: Element, withEmail: boolean): PageExtras {
  const profile = deepQuery(pane, S.profile);
  const name = textOf(profile && deepQuery(profile, S.profileName));
  if (!profile || !name) return NOT_YET;
  const email = withEmail ? emailIn(deepQuery(profile, S.profileEmail)) : null;
  return { identifiers: email ? [{ type: 'email', value: email }] : [], details: [name], settled: true };
}

/** Requester email, name and organization of a ticket; the email and name of a user; an organization's name. */
export function extractZendesk(doc: Document, page: PageIdentity): PageExtras {
  const pane = activePaneOf(doc, page);
  if (!pane) return NOT_YET;
  switch (page.identifiers[0]?.type) {
    case 'zendesk_ticket_id':
      return readRequester(pane);
    case 'zendesk_user_id':
      return readProfile(pane, true);
    default:
      return readProfile(pane, false);
  }
}
