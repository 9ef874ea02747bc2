/**
 * Column and table names as concepts: `CUST_NO` -> account id, `UPD_TS` -> updated time, `usr_uid` -> user id.
 * Words and the abbreviations schemas use for them map to one concept; unknown words stay as themselves.
 */
const WORDS: Record<string, readonly string[]> = {
  // entities (the kinds' subjects)
  account: ['account', 'acct', 'acc', 'cust', 'customer', 'client', 'company', 'org', 'organization', 'organisation', 'tenant', 'workspace', 'ws', 'team', 'firm'],
  user: ['user', 'usr', 'contact', 'person', 'people', 'individual', 'lead', 'member', 'subscriber', 'profile'],
  membership: ['membership'],
  event: ['event', 'evt', 'activity', 'act', 'action', 'log', 'track', 'tracking', 'audit', 'pageview', 'click', 'hit', 'usage'],
  subscription: ['subscription', 'sub', 'contract', 'license', 'licence'],
  charge: ['charge', 'payment', 'pmt', 'invoice', 'transaction', 'txn'],
  deal: ['deal', 'opportunity', 'opp', 'oppty', 'pipeline'],
  ticket: ['ticket', 'tkt', 'case', 'issue', 'incident'],
  conversation: ['conversation', 'conv', 'convo', 'chat', 'thread'],
  // what a column holds
  id: ['id', 'no', 'nbr', 'num', 'key', 'pk', 'uuid', 'guid', 'identifier'],
  name: ['name', 'nm', 'nam', 'label', 'fullname', 'displayname'],
  first: ['first', 'given', 'forename'],
  last: ['last', 'family'],
  email: ['email', 'mail', 'emailaddress'],
  domain: ['domain', 'website', 'web', 'url', 'site', 'homepage', 'www', 'hostname'],
  phone: ['phone', 'tel', 'telephone', 'mobile', 'cell', 'fax'],
  title: ['title', 'position', 'job'],
  created: ['created', 'create', 'crt', 'creation', 'inserted', 'insert', 'added', 'registered', 'signup', 'joined', 'opened'],
  updated: ['updated', 'update', 'upd', 'modified', 'modify', 'mod', 'changed', 'change', 'chg', 'edited', 'lastmod'],
  seen: ['seen', 'active', 'login', 'visit', 'visited', 'accessed'],
  deleted: ['deleted', 'delete', 'del', 'removed', 'archived', 'trashed', 'purged'],
  time: ['at', 'ts', 'time', 'timestamp', 'tstamp', 'datetime', 'dt', 'date', 'on', 'when', 'stamp', 'tm'],
  occurred: ['occurred', 'occur', 'happened', 'logged', 'recorded', 'tracked', 'sent', 'received', 'fired'],
  started: ['started', 'start', 'begin', 'began', 'since', 'effective'],
  ended: ['ended', 'end', 'cancelled', 'canceled', 'cancel', 'until', 'expires', 'expired', 'expiry', 'expiration', 'churned', 'terminated'],
  status: ['status', 'state', 'stat', 'sts'],
  stage: ['stage', 'phase', 'step'],
  plan: ['plan', 'tier', 'package', 'pkg', 'edition', 'sku'],
  mrr: ['mrr', 'monthly'],
  amount: ['amount', 'amt', 'total', 'value', 'price', 'sum', 'revenue', 'spend'],
  currency: ['currency', 'cur', 'ccy', 'curr'],
  seat: ['seat', 'quantity', 'qty'],
  failure: ['failure', 'fail', 'failed', 'decline', 'declined', 'error', 'err'],
  reason: ['reason', 'message', 'msg', 'cause'],
  close: ['close', 'closed', 'closing'],
  subject: ['subject', 'topic', 'summary', 'headline'],
  priority: ['priority', 'prio', 'urgency', 'severity'],
  owner: ['owner', 'rep', 'am', 'csm', 'manager', 'salesperson'],
  segment: ['segment', 'seg'],
  industry: ['industry', 'sector', 'vertical'],
  parent: ['parent', 'ultimate', 'hq', 'holding'],
  role: ['role', 'permission', 'access'],
  properties: ['properties', 'property', 'props', 'prop', 'payload', 'data', 'attribute', 'attrs', 'attr', 'metadata', 'meta', 'context', 'detail', 'params', 'param', 'extra', 'json', 'traits'],
  external: ['external', 'ext', 'foreign', 'remote', 'legacy'],
  type: ['type', 'kind', 'category'],
  count: ['count', 'cnt'],
  requester: ['requester', 'requestor', 'reporter'],
  agent: ['assignee', 'agent', 'assigned'],
  address: ['address', 'addr'],
  flag: ['is', 'has', 'flag', 'flg'],
  noise: ['tbl', 'table', 'tab', 'master', 'mst', 'dim', 'fact', 'fct', 'raw', 'stg', 'staging', 'src', 'vw', 'view', 'the', 'of', 'all', 'main', 'core', 'list', 'display', 'full', 'primary', 'preferred'],
  // which system an id comes from
  'sys:salesforce': ['salesforce', 'sfdc', 'sf'],
  'sys:crm': ['crm'],
  'sys:stripe': ['stripe'],
  'sys:billing': ['billing'],
  'sys:zendesk': ['zendesk', 'zd'],
  'sys:intercom': ['intercom'],
  'sys:hubspot': ['hubspot'],
  'sys:product': ['product'],
};

/** Words that stand for two concepts. */
const COMPOUNDS: Record<string, readonly string[]> = {
  uid: ['user', 'id'],
  userid: ['user', 'id'],
  fname: ['first', 'name'],
  lname: ['last', 'name'],
  surname: ['last', 'name'],
  username: ['login'],
  lastmodified: ['updated'],
};

const LEXICON = new Map<string, readonly string[]>();
for (const [concept, words] of Object.entries(WORDS)) for (const word of words) LEXICON.set(word, [concept]);
for (const [word, concepts] of Object.entries(COMPOUNDS)) LEXICON.set(word, concepts);

/** Concepts that add nothing to what a column is (`created_at` is as created as `created`). */
export const FREE_CONCEPTS: ReadonlySet<string> = new Set(['time', 'address', 'flag', 'noise', 'last']);

export const ENTITY_CONCEPTS: ReadonlySet<string> = new Set(['account', 'user', 'membership', 'event', 'subscription', 'charge', 'deal', 'ticket', 'conversation']);

/** `CUST_NO` -> ['cust', 'no']; `createdAt` -> ['created', 'at']; `Monthly spend` -> ['monthly', 'spend']. */
export function splitWords(name: string): string[] {
  return name
    .replace(/\.[a-z0-9]+$/i, '') // a file's extension
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function lookUp(word: string): readonly string[] | undefined {
  const direct = LEXICON.get(word);
  if (direct) return direct;
  for (const singular of [word.replace(/ies$/, 'y'), word.replace(/(ss|x|ch|sh)es$/, '$1'), word.replace(/s$/, '')]) {
    if (singular !== word && LEXICON.has(singular)) return LEXICON.get(singular);
  }
  return undefined;
}

/** A word glued from two known ones (`accountid`, `createdat`, `custno`). */
function splitGlued(word: string): string[] | undefined {
  for (let i = 2; i <= word.length - 2; i++) {
    const head = lookUp(word.slice(0, i));
    const tail = lookUp(word.slice(i));
    if (head && tail) return [...head, ...tail];
  }
  return undefined;
}

/** The concepts a name carries, in order, without repeats. */
export function conceptsOf(name: string): string[] {
  const words = splitWords(name);
  const concepts = words.flatMap((word, i) => {
    if (word === 'number') return [i === words.length - 1 ? 'id' : 'count'];
    return lookUp(word) ?? splitGlued(word) ?? [word];
  });
  return [...new Set(concepts)];
}

/**
 * The entity a table's name speaks of: `act_log` -> event, `tbl_cust_master` -> account; a table naming
 * both a user and an account (`workspace_members`, `account_users`) links them: a membership.
 */
export function entityOf(tableName: string): string | null {
  const entities = conceptsOf(tableName).filter((c) => ENTITY_CONCEPTS.has(c));
  if (entities.includes('membership')) return 'membership';
  if (entities.length === 2 && entities.includes('user') && entities.includes('account')) return 'membership';
  return entities.at(-1) ?? null;
}
