import type { DetectionResult } from '../contract/messages.ts';
import type { HostAdapter } from '../hosts/types.ts';
import { ask } from './messaging.ts';

/**
 * Detects what the page shows and tells the background, once per change of meaning: the same record on
 * another sub-page, or a repeated navigation event, sends nothing.
 */
export function createDetectionReporter(adapter: HostAdapter, doc: Document) {
  let lastSent = '';
  return async function report(url: URL): Promise<DetectionResult> {
    const detection = adapter.detect(url, doc);
    const { url: _url, ...meaning } = detection;
    const key = JSON.stringify(meaning);
    if (key !== lastSent) {
      lastSent = key;
      try {
        await ask('detection:report', detection);
      } catch (error) {
        lastSent = ''; // not delivered: the next navigation event reports again
        throw error;
      }
    }
    return detection;
  };
}
