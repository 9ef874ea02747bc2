import { fetchMe } from './api.ts';
import { claimCache, releaseCache } from './cache-owner.ts';
import { readConnectionStatus, testConnection } from './connection-status.ts';
import { searchCustomers } from './customer-search.ts';
import { contextOfEntity } from './entity-context.ts';
import { flagHandlers } from './flag-handlers.ts';
import type { MessageHandlers } from './message-router.ts';
import { decideReviewItem, readReviewQueue } from './review-queue.ts';
import { forgetToken, readSettings, saveSettings } from './settings.ts';
import { contextOfTab, recordDetection } from './tab-context.ts';

/** The background's one handler map: every message of `MESSAGES`, served after the router's checks. */
export const backgroundHandlers: MessageHandlers = {
  async 'detection:report'(detection, caller) {
    // A content script speaks only for its own tab and its own host.
    if (caller.kind !== 'content-script') return { accepted: false };
    const sameOrigin = URL.parse(detection.url)?.origin === caller.url.origin;
    if (detection.host !== caller.host || !sameOrigin) return { accepted: false };
    await recordDetection(caller.tabId, detection);
    return { accepted: true };
  },

  'context:get': ({ tabId, fresh }) => contextOfTab(tabId, { fresh }),

  async 'settings:get'() {
    const { backendUrl, token, locked } = await readSettings();
    return { backendUrl, hasToken: token !== '', locked };
  },

  async 'settings:save'(input) {
    const saved = await saveSettings(input);
    if (!saved.ok) return saved;
    const settings = await readSettings();
    if (!settings.token) return { ok: false, message: 'No token yet: paste the token the backend printed.' };
    // A new backend or token starts from an empty cache now, not at the next lookup.
    await claimCache(settings);
    const me = await fetchMe(settings);
    return me.ok ? { ok: true, name: me.value.name, role: me.value.role } : { ok: false, message: me.message };
  },

  async 'settings:sign-out'() {
    await forgetToken();
    await releaseCache();
    return { hasToken: (await readSettings()).token !== '' };
  },

  'connection:get': () => readConnectionStatus(),
  'connection:test': () => testConnection(),

  // Our own pages only (the router refuses content scripts): the page's host never learns what was searched.
  'search:query': (input) => searchCustomers(input),
  'entity:get': ({ fresh, ...entity }) => contextOfEntity(entity, { fresh }),

  ...flagHandlers,

  'review:list': ({ status }) => readReviewQueue(status),
  'review:decide': ({ id, ...request }) => decideReviewItem(id, request),
};
