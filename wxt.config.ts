import { defineConfig } from 'wxt';
import { ALL_HOST_MATCHES } from './lib/hosts/matches.ts';

// https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // `npm run zip`: the Firefox sources archive (for AMO's review) skips what .gitignore skips.
  zip: { excludeSources: ['tmp/**', '.sidelight/**', '.bench-data/**', '**/*.log', 'stats.html'] },
  manifest: ({ browser }) => ({
    name: 'Sidelight',
    description: 'Customer context beside Zendesk, Intercom and Salesforce, from your own data.',
    // `alarms` wakes the worker for the flag outbox's next attempt (a stopped worker keeps no timers).
    permissions: ['storage', 'alarms'],
    // The three host apps only: the backend answers extension origins through CORS, so it needs none.
    host_permissions: ALL_HOST_MATCHES,
    web_accessible_resources: [{ resources: ['sidebar.html'], matches: ALL_HOST_MATCHES }],
    // Enterprise policy may pre-set the backend URL and token (`storage.managed`); Chrome needs their
    // schema, Firefox reads policies from a native manifest instead.
    ...(browser === 'firefox'
      ? {
          // A fixed id: Firefox keys storage, enterprise policies (`3rdparty.Extensions`) and updates on it.
          // The identifiers read on the page (emails, record ids) go to the company's own backend, which
          // Firefox asks the user to accept as data collection (declared since Firefox 140).
          browser_specific_settings: {
            gecko: {
              id: 'sidelight@sidelight.dev',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['personallyIdentifyingInfo', 'websiteContent'] },
            },
          },
        }
      : { storage: { managed_schema: 'managed-schema.json' } }),
  }),
});
