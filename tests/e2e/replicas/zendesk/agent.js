// The replica's client: renders /agent/tickets/:id from the replica's API, switches tickets with pushState,
// and fills the requester panel late, as the real agent workspace does.
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

let renderToken = 0;
async function renderRoute() {
  const token = ++renderToken;
  const match = /^\/agent\/tickets\/(\d+)/.exec(location.pathname);
  for (const tab of document.querySelectorAll('.topbar__tab')) {
    if (match && tab.dataset.ticketId === match[1]) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  $('requester-panel').replaceChildren();
  if (!match) {
    $('ticket-pane').replaceChildren(text('h1', 'Home', 'ticket__subject'));
    return;
  }
  const { ticket, requester, organization } = await getJson(`/api/v2/tickets/${match[1]}.json`);
  if (token !== renderToken) return;
  $('ticket-pane').replaceChildren(
    text('h1', ticket.subject, 'ticket__subject'),
    text('div', ticket.description, 'ticket__comment'),
  );
  state.rendered = ticket.id;
  // The requester panel arrives after the ticket, like Zendesk's late-rendered context panel.
  setTimeout(() => {
    if (token !== renderToken) return;
    $('requester-panel').replaceChildren(
      text('div', requester.name, 'context-panel__name'),
      text('div', requester.email, 'context-panel__email'),
      text('div', organization ? organization.name : 'No organization', 'context-panel__org'),
    );
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
