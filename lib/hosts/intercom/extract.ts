import type { Identifier } from '../../contract/identifiers.ts';
import { deepQuery, deepQueryAll, emailIn, idFromLink, isShown, textOf } from '../dom-query.ts';
import type { PageExtras, PageIdentity } from '../types.ts';
import { CONTACT_LINK, INTERCOM_SELECTORS as S } from './selectors.ts';

const NOT_YET: PageExtras = { identifiers: [], details: [], settled: false };

/**
 * The conversation's details sidebar, only when it belongs to the URL's conversation: the inbox swaps
 * conversations in place, so right after a click the sidebar still describes the previous one.
 */
function detailsOf(doc: Document, conversationId: string): Element | null {
  for (const selector of S.details) {
    for (const panel of deepQueryAll(doc, selector)) {
      const owner = panel.closest(`[${S.conversationId}]`)?.getAttribute(S.conversationId);
      if (owner === conversationId && isShown(panel)) return panel;
    }
  }
  return null;
}

function readConversation(doc: Document, conversationId: string): PageExtras {
  const panel = detailsOf(doc, conversationId);
  if (!panel) return NOT_YET;
  const name = textOf(deepQuery(panel, S.contact.name));
  const email = emailIn(deepQuery(panel, S.contact.email));
  const contactId = idFromLink(deepQuery(panel, S.contact.link), CONTACT_LINK);
  const company = textOf(deepQuery(panel, S.contact.company));
  const identifiers: Identifier[] = [];
  if (contactId) identifiers.push({ type: 'intercom_contact_id', value: contactId });
  if (email) identifiers.push({ type: 'email', value: email });
  return {
    identifiers,
    details: [name, company].filter((d): d is string => d !== null),
    // The details sidebar fills in after the conversation: without a person in it yet, wait.
    settled: name !== null || email !== null || contactId !== null,
  };
}

function readProfile(doc: Document, attribute: string, id: string, withEmail: boolean): PageExtras {
  const profile = [...doc.querySelectorAll(`[${attribute}]`)].find((el) => el.getAttribute(attribute) === id && isShown(el));
  const name = textOf(profile ? deepQuery(profile, S.profileName) : null);
  if (!profile || !name) return NOT_YET;
  const email = withEmail ? emailIn(deepQuery(profile, S.profileEmail)) : null;
  return { identifiers: email ? [{ type: 'email', value: email }] : [], details: [name], settled: true };
}

/** The contact (id, email, name) of a conversation; a contact's email and name; a company's name. */
export function extractIntercom(doc: Document, page: PageIdentity): PageExtras {
  const [record] = page.identifiers;
  switch (record?.type) {
    case 'intercom_conversation_id':
      return readConversation(doc, record.value);
    case 'intercom_contact_id':
      return readProfile(doc, S.profileId.intercom_contact_id, record.value, true);
    case 'intercom_company_id':
      return readProfile(doc, S.profileId.intercom_company_id, record.value, false);
    default:
      return NOT_YET;
  }
}
