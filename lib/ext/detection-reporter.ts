import type { DetectionResult } from '../contract/messages.ts';
import { ask } from './messaging.ts';

const sendToBackground = async (detection: DetectionResult) => {
  await ask('detection:report', detection);
};

/**
 * Tells the background what the page shows, once per change of meaning: the same record on another
 * sub-page, or a repeated navigation event, sends nothing.
 */
export function createDetectionReporter(send: (detection: DetectionResult) => Promise<void> = sendToBackground) {
  let lastSent = '';
  return async function report(detection: DetectionResult): Promise<void> {
    const { url: _url, ...meaning } = detection;
    const key = JSON.stringify(meaning);
    if (key === lastSent) return;
    lastSent = key;
    try {
      await send(detection);
    } catch (error) {
      // Not delivered: the next reading reports it again (unless a newer one was sent meanwhile).
      if (lastSent === key) lastSent = '';
      throw error;
    }
  };
}
