// A hostile host page's own script. The browser tests add it to a replica page as an init script, so it
// runs in the page's world before anything else there (the content script included): it records every
// message the page receives, floods the page and the Sidelight frame with crafted messages and DOM events
// (copies of the extension's real message shapes, forged fields, huge and odd payloads, prototype keys),
// and tries every door into the extension it can see. It learns the extension's id as a real page would:
// from the sidebar frame's `src`. Payloads that manage to run mark `window.__pwned`.
(() => {
  if (window.top !== window || location.protocol !== 'https:') return;

  /** Every crafted message carries this key (or, as a string, this text): what the page received without it came from someone else. */
  const MARK = '__hostileSeq';
  const pwned = (window.__pwned = []);
  const initialGlobals = new Set(Object.getOwnPropertyNames(window));
  const received = { own: 0, foreign: [], portReplies: [] };

  const isOwn = (data) =>
    (typeof data === 'string' && data.includes(MARK)) || (data !== null && typeof data === 'object' && Object.hasOwn(data, MARK));
  window.addEventListener(
    'message',
    (event) => {
      if (isOwn(event.data)) received.own += 1;
      else received.foreign.push({ data: event.data, origin: event.origin, trusted: event.isTrusted, fromFrame: event.source !== window });
    },
    true,
  );

  const sidebarFrame = () => document.querySelector('iframe[src^="chrome-extension://"]');
  const extensionIdOf = (frame) => new URL(frame.src).host;
  const entrypoint = location.hostname.endsWith('.zendesk.com') ? 'zendesk' : location.hostname.endsWith('.intercom.com') ? 'intercom' : 'salesforce';

  // --- what the flood sends ---------------------------------------------------------------------------

  const MB = 'A'.repeat(1024 * 1024);
  const deep = (depth) => {
    let value = { name: 'context:get', input: { tabId: 1 } };
    for (let i = 0; i < depth; i++) value = [value];
    return value;
  };
  const manyKeys = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i]));
  const cyclic = () => {
    const value = { name: 'settings:get', input: {} };
    value.input.self = value;
    return value;
  };

  /** The extension's real message shapes (lib/contract/messages.ts), each sent as it is and with forged fields. */
  function realShapes(ext, i) {
    const other = `${location.origin}/agent/tickets/${900000 + (i % 1000)}`;
    const sidebarUrl = `chrome-extension://${ext}/sidebar.html`;
    return [
      { name: 'detection:report', input: { ok: true, host: entrypoint, url: other, label: 'Ticket #900000', identifiers: [{ type: 'email', value: `victim${i}@evil.example` }] } },
      { name: 'detection:report', input: { ok: false, host: entrypoint, url: other, reason: 'x', lookedFor: [] } },
      { name: 'context:get', input: { tabId: i % 64, fresh: true } },
      { name: 'settings:get', input: {} },
      { name: 'settings:save', input: { backendUrl: 'https://evil.example', token: 'stolen' } },
      { name: 'settings:sign-out', input: {} },
      { name: 'connection:get', input: {} },
      { name: 'connection:test', input: {} },
      { name: 'search:query', input: { q: 'acme' } },
      { name: 'entity:get', input: { kind: 'account', id: 'acct_1', fresh: true } },
      { name: 'flag:create', input: { record: { source: 'crm', sourceId: '001000000000001' }, entity: { kind: 'account', id: 'acct_1' }, note: 'forged' } },
      { name: 'flag:undo', input: { flagId: 'flag_1' } },
      { name: 'flags:list', input: {} },
      { name: 'outbox:retry', input: { id: 'x' } },
      { name: 'outbox:dismiss', input: { id: 'x' } },
      { name: 'review:list', input: { status: 'all' } },
      { name: 'review:decide', input: { id: 'rev_1', decision: 'confirm' } },
      // Replies, as if the background answered.
      { ok: true, output: { state: 'ready', detection: { ok: true, host: entrypoint, url: other, label: 'x', identifiers: [] } } },
      { ok: false, error: 'forged' },
      // WXT's own announcement, and with the fields a sender check reads.
      { type: `${ext}:${entrypoint}:wxt:content-script-started`, contentScriptName: entrypoint, messageId: `forged-${i}` },
      { name: 'settings:get', input: {}, sender: { id: ext, url: sidebarUrl, frameId: 0, tab: { id: 1 } }, origin: `chrome-extension://${ext}` },
      { name: 'context:get', input: { tabId: 1 }, id: ext, url: sidebarUrl, tab: { id: 1 }, frameId: 0 },
    ];
  }

  /** Prototype keys, huge, deep, cyclic and not-JSON payloads: the structured clone carries them all. */
  function oddShapes(i) {
    return [
      JSON.parse('{"__proto__":{"polluted":"yes","name":"settings:get"},"name":"settings:get","input":{"__proto__":{"tabId":1}}}'),
      { name: '__proto__', input: { constructor: { prototype: { polluted: 'yes' } } } },
      { name: 'constructor', input: {} },
      { name: 'hasOwnProperty', input: {} },
      { name: 'toString', input: { toString: 'x' } },
      { constructor: { prototype: { polluted: 'yes' } }, name: 'context:get', input: { tabId: 1 } },
      { name: 'context:get', input: new Map([['tabId', 1]]) },
      { name: 'context:get', input: { tabId: 10n ** 30n } },
      { name: 'context:get', input: { tabId: Number.NaN, fresh: new Date() } },
      { name: 'search:query', input: { q: /acme/g } },
      { name: 'settings:save', input: new Set(['backendUrl', 'token']) },
      { name: 'detection:report', input: new Uint8Array(64).fill(65) },
      { name: 'detection:report', input: new ArrayBuffer(1024) },
      { name: 'detection:report', input: new Blob(['{"ok":true}'], { type: 'application/json' }) },
      { name: 'detection:report', input: new Error('forged') },
      { name: 'context:get', input: [, , 1] },
      { name: 'context:get', input: { tabId: -0, fresh: undefined } },
      cyclic(),
      i % 500 === 0 ? { name: 'search:query', input: { q: MB } } : { name: 'search:query', input: { q: 'x'.repeat(4096) } },
      i % 1000 === 0 ? deep(2_000) : deep(50),
      i % 1000 === 0 ? { name: 'settings:get', input: manyKeys } : { name: 'settings:get', input: { a: 1 } },
    ];
  }

  const asStrings = (shape) => JSON.stringify(shape);

  /** Messages that cannot be cloned at all: postMessage refuses them in the page (DataCloneError). */
  const uncloneable = () => [() => 1, Symbol('x'), { name: 'settings:get', input: { fn() {} } }, { name: 'x', input: document.body }];

  /** The i-th crafted message: a real shape, an odd one, or a real one as a JSON string. */
  function craft(ext, i) {
    const real = realShapes(ext, i);
    const odd = oddShapes(i);
    const pick = i % 3;
    if (pick === 0) return mark(real[i % real.length], i);
    if (pick === 1) return mark(odd[i % odd.length], i);
    return `${asStrings(real[i % real.length])}${MARK}${i}`;
  }
  function mark(value, i) {
    if (value !== null && typeof value === 'object') {
      // Kept as its own shape: a Map stays a Map, an array an array.
      try {
        Object.defineProperty(value, MARK, { value: i, enumerable: true, configurable: true, writable: true });
      } catch {}
    }
    return value;
  }

  // --- DOM events ---------------------------------------------------------------------------------------

  function domEvent(ext, i) {
    const other = `${location.origin}/agent/tickets/${900000 + (i % 1000)}`;
    const prefix = `${ext}:${entrypoint}:`;
    const events = [
      // WXT's stop signal for the content script, as WXT itself sends it.
      () => document.dispatchEvent(new CustomEvent(`${prefix}wxt:content-script-started`, { detail: { contentScriptName: entrypoint, messageId: `forged-${i}` } })),
      () => document.dispatchEvent(new CustomEvent('wxt:content-script-started', { detail: { contentScriptName: entrypoint, messageId: `forged-${i}` } })),
      // WXT's location change, with the new URL where a page can put it.
      () => {
        const event = new Event(`${prefix}wxt:locationchange`);
        event.newUrl = new URL(other);
        event.oldUrl = new URL(location.href);
        window.dispatchEvent(event);
      },
      () => window.dispatchEvent(new CustomEvent(`${prefix}wxt:locationchange`, { detail: { newUrl: other } })),
      () => window.dispatchEvent(new CustomEvent('wxt:locationchange', { detail: { newUrl: other } })),
      () => window.dispatchEvent(new CustomEvent('locationchange', { detail: { url: other } })),
      () => window.dispatchEvent(new PopStateEvent('popstate', { state: { url: other } })),
      () => window.dispatchEvent(new HashChangeEvent('hashchange', { oldURL: location.href, newURL: `${other}#x` })),
      () => globalThis.navigation?.dispatchEvent(new Event('navigate')),
      () => globalThis.navigation?.dispatchEvent(new Event('currententrychange')),
      () => window.dispatchEvent(new StorageEvent('storage', { key: 'sidelight', newValue: '{"token":"x"}' })),
      () => document.dispatchEvent(new Event('visibilitychange')),
      () => window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true })),
      () => window.dispatchEvent(new Event('focus')),
      () => window.dispatchEvent(new MessageEvent('message', { data: mark({ name: 'settings:get', input: {} }, i), origin: `chrome-extension://${ext}` })),
      () => window.dispatchEvent(new MessageEvent('message', { data: mark({ name: 'context:get', input: { tabId: 1 } }, i), origin: `chrome-extension://${ext}`, source: window })),
      () => sidebarFrame()?.dispatchEvent(new MouseEvent('click', { bubbles: true })),
      () => sidebarFrame()?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })),
      () => sidebarFrame()?.parentElement?.dispatchEvent(new CustomEvent('sidelight', { detail: { name: 'settings:get' }, bubbles: true })),
    ];
    events[i % events.length]();
  }

  // --- the flood --------------------------------------------------------------------------------------

  /**
   * Sends `count` crafted messages and events: to the Sidelight frame (postMessage, with '*' and with the
   * extension's origin as the target, some with a MessagePort to answer on), to the page itself, and as
   * DOM events; plus same-record URL changes. Yields to the event loop every 250 sends, so the extension
   * runs meanwhile.
   */
  async function flood({ count = 10_000, urlChanges = 200 } = {}) {
    const frame = sidebarFrame();
    if (!frame) throw new Error('no Sidelight frame on the page');
    const ext = extensionIdOf(frame);
    const stats = { toFrame: 0, toPage: 0, domEvents: 0, refusedByBrowser: 0, urlChanges: 0, ports: 0, ms: 0 };
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      const lane = i % 10;
      try {
        if (lane < 4) {
          const target = frame.contentWindow;
          if (lane === 3 && i % 40 === 3) {
            const channel = new MessageChannel();
            channel.port1.onmessage = (event) => received.portReplies.push(event.data);
            target.postMessage(craft(ext, i), `chrome-extension://${ext}`, [channel.port2]);
            stats.ports += 1;
          } else {
            target.postMessage(craft(ext, i), lane % 2 ? '*' : `chrome-extension://${ext}`);
          }
          stats.toFrame += 1;
        } else if (lane < 7) {
          window.postMessage(craft(ext, i), lane === 6 ? location.origin : '*');
          stats.toPage += 1;
        } else {
          domEvent(ext, i);
          stats.domEvents += 1;
        }
      } catch (error) {
        // A forged WXT event that reaches WXT's Navigation API listener throws there, not here.
        stats.refusedByBrowser += 1;
        stats.lastError = String(error);
      }
      if (i % 250 === 249) await new Promise((resolve) => setTimeout(resolve, 0));
    }
    for (const value of uncloneable()) {
      for (const target of [window, frame.contentWindow]) {
        try {
          target.postMessage(value, '*');
        } catch {
          stats.refusedByBrowser += 1;
        }
      }
    }
    // Real navigations that keep the record: the URL's hash changes, the page stays the same ticket.
    const home = location.href;
    for (let i = 0; i < urlChanges; i++) {
      history.replaceState(history.state, '', `${home.split('#')[0]}#hostile-${i}`);
      stats.urlChanges += 1;
      if (i % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 0));
    }
    history.replaceState(history.state, '', home);
    stats.ms = Math.round(performance.now() - started);
    return stats;
  }

  // --- doors into the extension ----------------------------------------------------------------------

  const attempt = (what) => {
    try {
      const value = what();
      return { ok: true, value: value === null ? 'null' : typeof value === 'object' ? Object.prototype.toString.call(value) : String(value) };
    } catch (error) {
      return { ok: false, error: error?.name ?? String(error) };
    }
  };

  /** Reads and writes into the cross-origin sidebar frame, the runtime messaging API, the extension's files. */
  async function tryDoors() {
    const frame = sidebarFrame();
    const ext = extensionIdOf(frame);
    const win = frame.contentWindow;
    const doors = {
      contentDocument: attempt(() => frame.contentDocument),
      document: attempt(() => win.document.body.innerHTML),
      locationHref: attempt(() => win.location.href),
      localStorage: attempt(() => win.localStorage.length),
      chrome: attempt(() => win.chrome.runtime.id),
      evalInFrame: attempt(() => win.eval('1')),
      setName: attempt(() => {
        win.name = 'hostile';
        return win.name;
      }),
      runtime: attempt(() => typeof globalThis.chrome?.runtime),
      sendMessage: attempt(() => chrome.runtime.sendMessage(ext, { name: 'settings:get', input: {} })),
      connect: attempt(() => chrome.runtime.connect(ext)),
      javascriptUrl: attempt(() => {
        win.location.href = 'javascript:parent.__pwned.push("javascript: url in the sidebar")';
        return 'assigned';
      }),
    };
    const fetches = {};
    for (const path of ['sidebar.html', 'manifest.json', 'background.js', 'options.html', 'popup.html']) {
      fetches[path] = await fetch(`chrome-extension://${ext}/${path}`).then(
        async (response) => ({ status: response.status, body: await response.text() }),
        (error) => ({ error: error.name }),
      );
    }
    return { doors, fetches };
  }

  /** Frames the extension's pages itself: the ones not web-accessible must not load, sidebar.html gets `?tab=`. */
  async function frameExtensionPages(otherTabId) {
    const ext = extensionIdOf(sidebarFrame());
    const pages = ['options.html', 'popup.html', 'review.html', `sidebar.html?tab=${otherTabId}`];
    await Promise.all(
      pages.map(
        (path) =>
          new Promise((resolve) => {
            const frame = document.createElement('iframe');
            frame.dataset.hostile = path;
            frame.src = `chrome-extension://${ext}/${path}`;
            frame.style.cssText = 'position:fixed;left:0;bottom:0;width:300px;height:200px';
            frame.onload = frame.onerror = () => resolve();
            setTimeout(resolve, 5_000);
            document.body.append(frame);
          }),
      ),
    );
    return pages;
  }

  /** Points the sidebar frame itself at another tab's sidebar. */
  function retargetSidebar(otherTabId) {
    const frame = sidebarFrame();
    frame.contentWindow.location.replace(`chrome-extension://${extensionIdOf(frame)}/sidebar.html?tab=${otherTabId}`);
  }

  // --- what the page can see, searched for a needle ----------------------------------------------------

  function* stringsIn(value, seen = new Set(), depth = 0) {
    if (value === null || value === undefined || depth > 3000) return;
    if (typeof value === 'string') return yield value;
    if (typeof value !== 'object' && typeof value !== 'function') return yield String(value);
    if (typeof value === 'function' || seen.has(value)) return;
    seen.add(value);
    if (value instanceof ArrayBuffer) return yield new TextDecoder().decode(value);
    if (ArrayBuffer.isView(value)) return yield new TextDecoder().decode(value);
    if (value instanceof Map) {
      for (const [k, v] of value) {
        yield* stringsIn(k, seen, depth + 1);
        yield* stringsIn(v, seen, depth + 1);
      }
      return;
    }
    if (value instanceof Set) {
      for (const v of value) yield* stringsIn(v, seen, depth + 1);
      return;
    }
    if (value instanceof Date || value instanceof RegExp || value instanceof Error) return yield String(value);
    for (const key of Reflect.ownKeys(value)) {
      if (typeof key === 'string') yield key;
      let child;
      try {
        child = value[key];
      } catch {
        continue;
      }
      yield* stringsIn(child, seen, depth + 1);
    }
  }

  function deepMarkup(root) {
    let markup = root.innerHTML ?? '';
    for (const element of root.querySelectorAll('*')) if (element.shadowRoot) markup += deepMarkup(element.shadowRoot);
    return markup;
  }

  async function indexedDbContents() {
    const out = [];
    for (const { name } of (await indexedDB.databases?.()) ?? []) {
      const db = await new Promise((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const store of db.objectStoreNames) {
        const rows = await new Promise((resolve) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => resolve([]);
        });
        out.push({ name, store, rows });
      }
      db.close();
    }
    return out;
  }

  /** Where the page holds `needle`: its DOM, globals, storage, cookies, IndexedDB, every message it received. */
  async function whereIs(needle) {
    const places = [];
    const search = (place, value) => {
      for (const text of stringsIn(value)) {
        if (text.includes(needle)) {
          places.push(place);
          return;
        }
      }
    };
    search('dom', [document.documentElement.outerHTML, deepMarkup(document), document.title, document.cookie, document.referrer]);
    search('attributes', [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.value)));
    search('location', [location.href, history.state, window.name]);
    const added = Object.getOwnPropertyNames(window).filter((name) => !initialGlobals.has(name));
    search('globals', Object.fromEntries(added.map((name) => [name, window[name]])));
    search('localStorage', { ...localStorage });
    search('sessionStorage', { ...sessionStorage });
    search('indexedDB', await indexedDbContents());
    search('cacheStorage', await caches.keys().catch(() => []));
    search('resources', performance.getEntries().map((entry) => entry.name));
    search('messages', received.foreign);
    search('portReplies', received.portReplies);
    return { places, globalsAdded: added, foreignMessages: received.foreign.length };
  }

  window.__hostile = {
    flood,
    tryDoors,
    frameExtensionPages,
    retargetSidebar,
    whereIs,
    received: () => ({ own: received.own, foreign: received.foreign.length, portReplies: received.portReplies.length }),
    foreign: () => received.foreign.map((m) => ({ origin: m.origin, fromFrame: m.fromFrame, data: JSON.stringify(m.data)?.slice(0, 300) })),
    pwned: () => [...pwned],
    polluted: () => ({}).polluted ?? null,
  };
})();
