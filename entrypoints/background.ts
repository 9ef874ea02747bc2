// First: zod must be jitless before any schema is built (lib/ext/zod-config.ts).
import '../lib/ext/zod-config.ts';
import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from '../lib/ext/start-background.ts';

export default defineBackground(() => startBackground());
