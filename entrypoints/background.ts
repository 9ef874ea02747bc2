import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from '../lib/ext/start-background.ts';

export default defineBackground(() => startBackground());
