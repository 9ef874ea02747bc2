import { fetchMe } from './api.ts';
import type { MessageHandlers } from './message-router.ts';
import { backendUrlItem, readSettings, settingsRevisionItem, tokenItem } from './storage.ts';
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

  'context:get': ({ tabId }) => contextOfTab(tabId),

  async 'settings:get'() {
    const { backendUrl, token } = await readSettings();
    return { backendUrl, hasToken: token !== '' };
  },

  async 'settings:save'({ backendUrl, token }) {
    const url = URL.parse(backendUrl);
    if (!url || !['http:', 'https:'].includes(url.protocol)) {
      return { ok: false, message: 'The backend URL must start with http:// or https://.' };
    }
    await backendUrlItem.setValue(url.href.replace(/\/+$/, ''));
    if (token) await tokenItem.setValue(token);
    await settingsRevisionItem.setValue(crypto.randomUUID());
    const settings = await readSettings();
    if (!settings.token) return { ok: false, message: 'No token yet: paste the token the backend printed.' };
    const me = await fetchMe(settings);
    return me.ok ? { ok: true, ...me.value } : { ok: false, message: me.message };
  },
};
