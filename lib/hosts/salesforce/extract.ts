import type { Identifier } from '../../contract/identifiers.ts';
import { normaliseSalesforceId, salesforceObjectOf } from '../../contract/normalise.ts';
import { deepQuery, deepQueryAll, emailIn, idFromLink, isShown, textOf } from '../dom-query.ts';
import type { PageExtras, PageIdentity } from '../types.ts';
import { ACCOUNT_LINK, SALESFORCE_SELECTORS as S } from './selectors.ts';

const NOT_YET: PageExtras = { identifiers: [], details: [], settled: false };

/**
 * The shown page of the URL's record. Lightning's hidden cached copies of earlier records (and, right after
 * a navigation, the previous record still on screen) are never read.
 */
function shownRecordPage(doc: Document, recordId: string): Element | null {
  for (const page of deepQueryAll(doc, `[${S.recordId}]`)) {
    const id = normaliseSalesforceId(page.getAttribute(S.recordId) ?? '');
    if (id === recordId && isShown(page, S.hiddenContainers)) return page;
  }
  return null;
}

/**
 * A Contact's or Lead's email, a Case's contact email and account, an Opportunity's account, and the
 * record's name, from inside the shadow roots of the shown record page.
 */
export function extractSalesforce(doc: Document, page: PageIdentity): PageExtras {
  const [record] = page.identifiers;
  const object = record ? salesforceObjectOf(record.value) : null;
  const recordPage = record && object ? shownRecordPage(doc, record.value) : null;
  if (!recordPage || !object) return NOT_YET;

  const selectors = S.fields[object];
  const emailField = deepQuery(recordPage, selectors.email);
  const accountField = deepQuery(recordPage, selectors.account);
  const companyField = deepQuery(recordPage, selectors.company);
  const email = emailIn(emailField);
  const accountId = normaliseSalesforceId(idFromLink(accountField, ACCOUNT_LINK) ?? '');
  const name = textOf(deepQuery(recordPage, S.name));

  const identifiers: Identifier[] = [];
  if (email) identifiers.push({ type: 'email', value: email });
  if (accountId) identifiers.push({ type: 'salesforce_id', value: accountId });
  const company = companyField && textOf(deepQuery(companyField, S.fieldValue));
  const accountName = accountField && textOf(deepQuery(accountField, ['a[href]']));
  const details = [name, company, accountName];
  const expectsFields = selectors.email.length + selectors.account.length > 0;
  return {
    identifiers,
    details: details.filter((d): d is string => typeof d === 'string' && d !== ''),
    // The details section renders after the highlights: wait for it where the object has fields to read.
    settled: expectsFields ? emailField !== null || accountField !== null : name !== null,
  };
}
