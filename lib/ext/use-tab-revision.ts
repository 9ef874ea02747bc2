import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { settingsRevisionItem, tabDetections } from './storage.ts';

/** The tab this extension page is shown in (the sidebar frame's host tab), or `?tab=` when given. */
export function useCurrentTabId(): number | null {
  const [tabId, setTabId] = useState<number | null>(() => {
    const param = Number(new URLSearchParams(location.search).get('tab'));
    return Number.isInteger(param) && param > 0 ? param : null;
  });
  useEffect(() => {
    if (tabId !== null) return;
    void browser.tabs.getCurrent().then((tab) => setTabId(tab?.id ?? null));
  }, [tabId]);
  return tabId;
}

/**
 * Changes whenever the tab's detection changes meaning or the settings are saved, read from
 * `storage.session` where the background writes them. Null until both are known.
 */
export function useTabRevision(tabId: number | null): string | null {
  const [detection, setDetection] = useState<{ revision: string | null } | null>(null);
  const [settings, setSettings] = useState<string | null>(null);

  useEffect(() => {
    if (tabId === null) return;
    let watched = false;
    const unwatchDetection = tabDetections.watch(tabId, (value) => {
      watched = true;
      setDetection({ revision: value?.revision ?? null });
    });
    const unwatchSettings = settingsRevisionItem.watch(setSettings);
    void tabDetections.get(tabId).then((value) => {
      // A change seen by the watcher is newer than this first read.
      if (!watched) setDetection({ revision: value?.revision ?? null });
    });
    void settingsRevisionItem.getValue().then((value) => setSettings((seen) => seen ?? value));
    return () => {
      unwatchDetection();
      unwatchSettings();
    };
  }, [tabId]);

  if (detection === null || settings === null) return null;
  return `${detection.revision ?? 'none'}/${settings}`;
}
