// The replica's client. Like Lightning: a record URL with a 15-character id is replaced by its 18-character
// form (replaceState), earlier record pages stay in the DOM hidden (`.oneContent` without `.active`) and
// come back on "back", the highlights render first and the details later, and every field sits inside the
// shadow roots of Lightning-named custom elements. With ?ws= the page is a console: a workspace tab for the
// ws record and a sub-tab per record opened from it.
const state = (window.__replica = { loads: 1, navigations: 0, replaced: 0 });
const OBJECTS = { '001': 'Account', '003': 'Contact', '00Q': 'Lead', '500': 'Case', '006': 'Opportunity' };
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** A 15-character id's 18-character form (the suffix encodes the case of the first 15). */
function to18(id) {
  if (id.length === 18) return id;
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) if (/[A-Z]/.test(id[chunk * 5 + i])) bits |= 1 << i;
    suffix += ALPHABET[bits];
  }
  return id + suffix;
}

const el = (tag, { cls, text, attrs } = {}, children = []) => {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attrs ?? {})) node.setAttribute(name, value);
  node.append(...children);
  return node;
};
/** A custom element whose content lives in its open shadow root, as a Lightning web component's does. */
const component = (tag, attrs, children) => {
  const host = el(tag, { attrs });
  host.attachShadow({ mode: 'open' }).append(...children);
  return host;
};
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function getJson(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

const stage = document.getElementById('stage');
const consoleTabs = document.getElementById('console');
const RECORD_PATH = /^\/lightning\/r\/(?:([A-Za-z]\w*)\/)?([a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?)\/view$/;
const recordPath = (id) => `/lightning/r/${OBJECTS[id.slice(0, 3)]}/${id}/view`;

/** Where a record's page lives: a page host on the stage, or a sub-tab of its console workspace. */
function pageHostFor(key, workspaceId) {
  let container = stage;
  if (workspaceId) {
    let tab = consoleTabs.querySelector(`:scope > [data-ws="${workspaceId}"]`);
    if (!tab) {
      tab = el('section', { cls: 'tabContent oneConsoleTab', attrs: { role: 'tabpanel', 'data-ws': workspaceId } }, [
        el('div', { cls: 'oneWorkspaceTabWrapper' }),
      ]);
      consoleTabs.append(tab);
    }
    container = tab.firstElementChild;
  }
  const existing = container.querySelector(`:scope > [data-host-for="${key}"]`);
  if (existing) return { host: existing, fresh: false };
  const host = workspaceId
    ? el('section', { cls: 'tabContent oneSubtab', attrs: { 'data-host-for': key } })
    : el('div', { cls: 'windowViewMode-normal oneContent lafPageHost', attrs: { 'data-host-for': key } });
  container.append(host);
  return { host, fresh: true };
}

/** Shows one page host (and its workspace tab); every other one is hidden but kept. */
function activate(host, inConsole) {
  stage.hidden = inConsole;
  consoleTabs.hidden = !inConsole;
  for (const other of document.querySelectorAll('.oneContent, .tabContent')) {
    other.classList.remove('active');
    other.style.display = 'none';
  }
  for (let node = host; node; node = node.parentElement?.closest('.oneContent, .tabContent')) {
    node.classList.add('active');
    node.style.display = '';
  }
}

function fieldValue(field, workspacePath) {
  if (field.type === 'email') {
    return component('lightning-formatted-email', {}, [el('a', { text: field.value, attrs: { href: `mailto:${field.value}` } })]);
  }
  if (field.type === 'lookup') {
    const href = recordPath(field.ref) + (workspacePath ? `?ws=${encodeURIComponent(workspacePath)}` : '');
    return el('force-lookup', {}, [
      component('records-hoverable-link', {}, [el('a', { text: field.value, attrs: { href, 'data-spa': '', 'data-recordid': field.ref } })]),
    ]);
  }
  return component('lightning-formatted-text', {}, [document.createTextNode(field.value)]);
}

async function renderRecord(host, id, workspacePath) {
  const home = el('one-record-home-flexipage2', { attrs: { 'data-record-id': id } });
  host.replaceChildren(el('div', { cls: 'flexipagePage' }, [home]));
  const record = await getJson(`/replica-api/salesforce/records/${id}.json`);
  document.title = `${record.name} | ${record.object} | Salesforce`;
  const highlights = el('records-lwc-highlights-panel', {}, [el('lightning-formatted-text', { text: record.name, attrs: { slot: 'primaryField' } })]);
  highlights.attachShadow({ mode: 'open' }).append(
    el('div', { cls: 'slds-page-header slds-page-header_record-home' }, [
      el('records-entity-label', { text: record.object }),
      el('h1', {}, [el('slot', { attrs: { name: 'primaryField' } })]),
    ]),
  );
  const stencil = el('div', { cls: 'forceRecordLayoutStencil', attrs: { role: 'progressbar', 'aria-label': 'Loading' } });
  home.append(highlights, stencil);

  // The details arrive after the highlights, inside nested shadow roots.
  await delay(350);
  const items = record.fields.map((field) =>
    component(
      'records-record-layout-item',
      { 'field-label': field.label, 'data-target-selection-name': `sfdc:RecordField.${record.object}.${field.apiName}` },
      [
        el('span', { cls: 'test-id__field-label', text: field.label }),
        el('div', { cls: 'test-id__field-value' }, [fieldValue(field, workspacePath)]),
      ],
    ),
  );
  const section = component('records-record-layout-section', {}, [el('h3', { text: 'Details' }), ...items]);
  const related = record.related.map((list) =>
    component('lst-related-list-single-container', {}, [
      el('h2', { text: `${list.title} (${list.records.length})` }),
      el('ul', {}, list.records.map((r) => el('li', {}, [fieldValue({ type: 'lookup', value: r.name, ref: r.id }, workspacePath)]))),
    ]),
  );
  stencil.replaceWith(component('records-lwc-detail-panel', {}, [section]), ...related);
}

function renderHome(host) {
  host.replaceChildren(el('div', { cls: 'homeHomeContent' }, [el('h1', { text: 'Home' })]));
}

async function renderRoute() {
  const match = RECORD_PATH.exec(location.pathname);
  const params = new URLSearchParams(location.search);
  const ws = params.get('ws');
  const workspaceRaw = ws && RECORD_PATH.exec(ws)?.[2];
  const workspaceId = workspaceRaw ? to18(workspaceRaw) : null;
  if (!match || !OBJECTS[match[2].slice(0, 3)]) {
    const { host, fresh } = pageHostFor('home', null);
    activate(host, false);
    if (fresh) renderHome(host);
    return;
  }
  const id = to18(match[2]);
  // Lightning rewrites the URL to its canonical form: object name and 18-character id.
  const canonical = recordPath(id) + location.search;
  if (location.pathname + location.search !== canonical) {
    history.replaceState(history.state, '', canonical);
    state.replaced += 1;
  }
  const { host, fresh } = pageHostFor(id, workspaceId);
  activate(host, workspaceId !== null);
  if (fresh) await renderRecord(host, id, workspaceId ? recordPath(workspaceId) : null);
}

function navigate(href) {
  if (new URL(href, location.href).href === location.href) return;
  history.pushState({}, '', href);
  state.navigations += 1;
  void renderRoute();
}

document.addEventListener('click', (event) => {
  // Links sit inside shadow roots: the event's target is retargeted to their host, its path is not.
  const link = event.composedPath().find((node) => node instanceof HTMLAnchorElement && node.hasAttribute('data-spa'));
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey) return;
  event.preventDefault();
  navigate(link.getAttribute('href'));
});
document.getElementById('global-search').addEventListener('keydown', (event) => {
  const value = event.target.value.trim();
  if (event.key !== 'Enter' || !/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(value)) return;
  event.target.value = '';
  navigate(`/lightning/r/${value}/view`);
});
window.addEventListener('popstate', () => void renderRoute());

await renderRoute();
