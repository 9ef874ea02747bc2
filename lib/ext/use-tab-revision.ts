import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { browser } from 'wxt/browser';
import type { TabContext } from '../contract/messages.ts';
import { settingsRevisionItem, tabDetections, tabRevisionKey } from './storage.ts';
import type { TabDetection } from './storage.ts';
import { followTabPort } from './tab-port-client.ts';

/**
 * The tab this extension page is shown in (the sidebar frame's host tab), as the browser says, never as
 * the page's URL says: any host page may frame sidebar.html (a web-accessible resource) with a URL of its
 * choosing, and must not get another tab's customer shown on it.
 */
export function useCurrentTabId(): number | null {
  const [tabId, setTabId] = useState<number | null>(null);
  useEffect(() => {
    void browser.tabs.getCurrent().then((tab) => setTabId(tab?.id ?? null));
  }, []);
  return tabId;
}

/** What the tab shows, as far as the sidebar needs to know to ask for it. */
export interface TabRevision {
  /** Changes whenever the tab's detection changes meaning or the settings are saved. */
  revision: string;
  /** The page the detection is for, or null before the content script reported. */
  url: string | null;
}

export interface RevisionListener {
  /** A new revision, seen before React renders it: ask for its context one render earlier. */
  onRevision(revision: string): void;
  /** The background's answer for a revision, written with the detection (from its cache) at `at`. */
  onSeed(revision: string, context: TabContext, at: number): void;
}

/**
 * The tab's revision, read from `storage.session` where the background writes it; null until known.
 * The listener hears of each revision (and its seed) as soon as it is seen: the warm-render budget has no
 * room for a render before the ask.
 */
export function useTabRevision(tabId: number | null, listener?: RevisionListener): TabRevision | null {
  const [detection, setDetection] = useState<{ revision: string | null; url: string | null } | null>(null);
  const [settings, setSettings] = useState<string | null>(null);
  const seen = useRef<{ detection: string | null | undefined; settings: string | null }>({ detection: undefined, settings: null });
  const notify = useRef(listener);
  notify.current = listener;

  useEffect(() => {
    if (tabId === null) return;
    const announce = () => {
      const { detection: d, settings: s } = seen.current;
      if (d !== undefined && s !== null) notify.current?.onRevision(tabRevisionKey(d, s));
    };
    const applyDetection = (value: TabDetection | null) => {
      const seed = value?.seed;
      if (seed) notify.current?.onSeed(tabRevisionKey(value.revision, seed.settingsRevision), seed.context, seed.at);
      seen.current.detection = value?.revision ?? null;
      announce();
      // Rendered now, inside the storage event, not in a later task: this is the warm path's last step.
      flushSync(() => setDetection({ revision: value?.revision ?? null, url: value?.detection.url ?? null }));
    };
    const applySettings = (value: string) => {
      seen.current.settings = value;
      announce();
      setSettings(value);
    };
    let watched = false;
    // The background hands new detections over this port first; the same revision then arriving through
    // storage (without its seed) is not applied twice.
    const port = followTabPort(tabId, (value) => {
      watched = true;
      if (value.revision !== seen.current.detection) applyDetection(value);
    });
    port.ensure();
    const unwatchDetection = tabDetections.watch(tabId, (value) => {
      watched = true;
      // The worker wrote this, so it is awake: a port it dropped when it last stopped can be opened again.
      port.ensure();
      if (!value || value.revision !== seen.current.detection) applyDetection(value);
    });
    const unwatchSettings = settingsRevisionItem.watch(applySettings);
    void tabDetections.get(tabId).then((value) => {
      // A change seen by the watcher is newer than this first read.
      if (!watched) applyDetection(value);
    });
    void settingsRevisionItem.getValue().then((value) => {
      if (seen.current.settings === null) applySettings(value);
    });
    return () => {
      port.close();
      unwatchDetection();
      unwatchSettings();
    };
  }, [tabId]);

  if (detection === null || settings === null) return null;
  return { revision: tabRevisionKey(detection.revision, settings), url: detection.url };
}
