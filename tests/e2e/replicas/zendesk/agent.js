// The replica's client: renders /agent/tickets/:id from the replica's API and switches tickets with
// pushState. Like the agent workspace, every opened ticket keeps its pane in the DOM: the current one is
// aria-current="page", the others are hidden, and a new pane's requester panel is filled in late.
const state = (window.__replica = { loads: 1, navigations: 0, rendered: null });

const $ = (id) => document.getElementById(id);
const text = (tag, content, className) => {
  const el = document.createElement(tag);
  el.textContent = content;
  if (className) el.className = className;
  return el;
};

async function getJson(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

function spaLink(href, label, className) {
  const link = text('a', label, className);
  link.href = href;
  link.dataset.spa = '';
  return link;
}

async function renderShell() {
  const { tickets } = await getJson('/api/v2/tickets.json');
  $('views-list').replaceChildren(
    ...tickets.map((t) => {
      const item = document.createElement('li');
      item.append(spaLink(`/agent/tickets/${t.id}`, `#${t.id} ${t.subject}`));
      return item;
    }),
  );
  $('ticket-tabs').replaceChildren(
    ...tickets.map((t) => {
      const tab = spaLink(`/agent/tickets/${t.id}`, `#${t.id}`, 'topbar__tab');
      tab.setAttribute('role', 'tab');
      tab.dataset.ticketId = String(t.id);
      return tab;
    }),
  );
}

/** The pane of an opened ticket, created (empty) the first time the ticket is opened. */
function paneOf(ticketId) {
  const existing = document.querySelector(`[data-entity-type="ticket"][data-entity-id="${ticketId}"]`);
  if (existing) return { pane: existing, fresh: false };
  const pane = document.createElement('div');
  pane.className = 'ticket-workspace';
  pane.dataset.entityType = 'ticket';
  pane.dataset.entityId = ticketId;
  const main = document.createElement('main');
  main.className = 'ticket';
  main.dataset.testId = 'ticket-pane';
  const panel = document.createElement('aside');
  panel.className = 'context-panel';
  panel.dataset.testId = 'ticket-context-panel';
  panel.setAttribute('aria-label', 'Customer context');
  pane.append(main, panel);
  $('main-panes').append(pane);
  return { pane, fresh: true };
}

function showOnly(current) {
  for (const pane of document.querySelectorAll('#main-panes > *')) {
    if (pane === current) {
      pane.hidden = false;
      if (pane.dataset.entityId) pane.setAttribute('aria-current', 'page');
    } else {
      pane.hidden = true;
      pane.removeAttribute('aria-current');
    }
  }
}

let renderToken = 0;
async function renderRoute() {
  const token = ++renderToken;
  const match = /^\/agent\/tickets\/(\d+)/.exec(location.pathname);
  for (const tab of document.querySelectorAll('.topbar__tab')) {
    if (match && tab.dataset.ticketId === match[1]) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  if (!match) {
    showOnly($('home-pane'));
    return;
  }
  const { pane, fresh } = paneOf(match[1]);
  showOnly(pane);
  if (!fresh) return;
  const { ticket, requester, organization } = await getJson(`/api/v2/tickets/${match[1]}.json`);
  pane.querySelector('main').replaceChildren(
    text('h1', ticket.subject, 'ticket__subject'),
    text('div', ticket.description, 'ticket__comment'),
  );
  if (token === renderToken) state.rendered = ticket.id;
  // The requester panel arrives after the ticket, like Zendesk's late-rendered context panel.
  setTimeout(() => {
    const name = text('div', requester.name, 'context-panel__name');
    name.dataset.testId = 'customer-context-user-name';
    const email = text('a', requester.email, 'context-panel__email');
    email.href = `mailto:${requester.email}`;
    email.dataset.testId = 'customer-context-user-email';
    const org = text('div', organization ? organization.name : 'No organization', 'context-panel__org');
    if (organization) org.dataset.testId = 'customer-context-organization';
    pane.querySelector('aside').replaceChildren(name, email, org);
  }, 400);
}

document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a[data-spa]') : null;
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey) return;
  event.preventDefault();
  if (link.href === location.href) return;
  history.pushState({}, '', link.href);
  state.navigations += 1;
  void renderRoute();
});
window.addEventListener('popstate', () => void renderRoute());

await renderShell();
await renderRoute();
