// The replica's client. Routes like Intercom's: /a/inbox/APP/inbox/<view>/conversation/ID and
// /a/apps/APP/users/ID/... Conversations swap in place: until the new one has loaded, the previous
// conversation (and its details sidebar) stays on screen, and the details sidebar fills in after the
// messages. The EU region spells classes `inbox-2__` and carries no data-intercom-target attributes.
const state = (window.__replica = { loads: 1, navigations: 0 });
const eu = location.hostname.startsWith('app.eu.');
const P = eu ? 'inbox-2__' : 'inbox2__';
const APP = location.pathname.split('/')[3] || 'k8w2x7p1';

const el = (tag, { cls, text, attrs } = {}, children = []) => {
  const node = document.createElement(tag);
  if (cls) node.className = cls.split(' ').map((c) => (c.startsWith('@') ? P + c.slice(1) : c)).join(' ');
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (name.startsWith('data-intercom-target') && eu) continue;
    node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
};
const spaLink = (href, cls, text, attrs = {}) => el('a', { cls, text, attrs: { href, 'data-spa': '', ...attrs } });

async function getJson(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const app = document.getElementById('app');
const list = el('section', { cls: '@conversation-list', attrs: { 'aria-label': 'Conversations' } });
const main = el('div', { cls: '@main-area', attrs: { style: 'display: contents' } });
app.append(
  el('nav', { cls: '@nav', attrs: { 'data-intercom-target': 'inbox-left-nav' } }, [
    spaLink(`/a/inbox/${APP}/inbox/shared/all`, '', 'Inbox'),
    spaLink(`/a/apps/${APP}/reports/overview`, '', 'Reports'),
  ]),
  list,
  main,
);

const conversationUrl = (id) => `/a/inbox/${APP}/inbox/shared/all/conversation/${id}`;

async function renderList() {
  const { conversations } = await getJson('/replica-api/intercom/conversations.json');
  list.replaceChildren(
    ...conversations.map((c) =>
      spaLink(conversationUrl(c.id), '@conversation-list-item', `${c.contact.name} · ${c.subject}`, { 'data-id': c.id }),
    ),
  );
}

function conversationView(c) {
  const details = el(
    'aside',
    { cls: '@conversation-details-sidebar', attrs: { 'data-intercom-target': 'conversation-details', 'data-resize-target': '' } },
    [el('div', { cls: '@loading-state', attrs: { role: 'progressbar', 'aria-label': 'Loading details' } })],
  );
  const layout = el('main', { cls: '@conversation-layout', attrs: { 'data-conversation-id': c.id } }, [
    el('div', { cls: '@conversation-page' }, [
      el('header', { cls: '@conversation-header' }, [el('h2', { text: c.subject })]),
      el('div', { cls: '@conversation-stream' }, c.messages.map((m) => el('p', { cls: '@message', text: m }))),
    ]),
    details,
  ]);
  return { layout, details };
}

function fillDetails(details, c) {
  const profile = `/a/apps/${APP}/users/${c.contact.id}/all-conversations`;
  details.replaceChildren(
    el('div', { cls: '@user-header' }, [
      spaLink(profile, '@user-name', c.contact.name, { 'data-intercom-target': 'user-name' }),
    ]),
    el('ul', { cls: '@attribute-list' }, [
      el('li', { cls: '@attribute' }, [
        el('span', { text: 'Email ' }),
        el('a', { cls: '@user-email', text: c.contact.email, attrs: { href: `mailto:${c.contact.email}` } }),
      ]),
      ...(c.company ? [el('li', { cls: '@attribute' }, [el('span', { text: 'Company ' }), el('span', { cls: '@company-name', text: c.company.name })])] : []),
    ]),
  );
}

let renderToken = 0;
async function renderRoute() {
  const token = ++renderToken;
  const path = location.pathname;
  for (const item of list.querySelectorAll('a[data-id]')) {
    if (path.endsWith(`/conversation/${item.dataset.id}`)) item.setAttribute('aria-current', 'page');
    else item.removeAttribute('aria-current');
  }
  const conversation = /\/conversation\/(\d+)/.exec(path)?.[1];
  const contact = /^\/a\/apps\/[a-z0-9]+\/users\/([0-9a-f]{24})/.exec(path)?.[1];
  if (conversation) {
    // The previous conversation stays on screen while this one loads.
    const c = await getJson(`/replica-api/intercom/conversations/${conversation}.json`);
    await delay(150);
    if (token !== renderToken) return;
    const { layout, details } = conversationView(c);
    main.replaceChildren(layout);
    await delay(400);
    if (token === renderToken) fillDetails(details, c);
  } else if (contact) {
    const person = await getJson(`/replica-api/intercom/contacts/${contact}.json`);
    if (token !== renderToken) return;
    main.replaceChildren(
      el('div', { cls: 'user-profile__profile', attrs: { 'data-user-id': person.id } }, [
        el('h1', { cls: 'user-profile__profile-name', text: person.name }),
        el('div', { attrs: { 'data-attribute-name': 'email' } }, [el('span', { text: 'Email ' }), el('span', { text: person.email })]),
        ...person.conversations.map((id) => spaLink(conversationUrl(id), '', `Conversation ${id}`)),
      ]),
    );
  } else {
    main.replaceChildren(el('div', { cls: '@empty', text: 'Select a conversation' }));
  }
}

document.addEventListener('click', (event) => {
  const link = event.composedPath().find((node) => node instanceof HTMLAnchorElement && node.hasAttribute('data-spa'));
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey) return;
  event.preventDefault();
  if (link.href === location.href) return;
  history.pushState({}, '', link.href);
  state.navigations += 1;
  void renderRoute();
});
window.addEventListener('popstate', () => void renderRoute());

await renderList();
await renderRoute();
