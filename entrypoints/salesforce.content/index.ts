import { defineContentScript } from 'wxt/utils/define-content-script';
import { HOST_MATCHES } from '../../lib/hosts/matches.ts';
import { SalesforceAdapter } from '../../lib/hosts/salesforce/index.ts';
import { runHostPage } from '../../lib/ext/host-page.ts';

export default defineContentScript({
  matches: [...HOST_MATCHES.salesforce],
  runAt: 'document_idle',
  // WXT's legacy announcement by `window.postMessage` would hand the page a message naming our extension.
  noScriptStartedPostMessage: true,
  main: (ctx) => runHostPage(ctx, SalesforceAdapter),
});
