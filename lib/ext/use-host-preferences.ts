import { useCallback, useEffect, useState } from 'react';
import { readHostPreferences, saveHostPreferences, watchHostPreferences } from './host-preferences.ts';
import type { HostPreferences } from './host-preferences.ts';

/**
 * The hosts switched on and the sidebar's side, as extension pages see and change them (null until read).
 * A change is written to `storage.sync`, where every content script and sidebar picks it up.
 */
export function useHostPreferences(): [HostPreferences | null, (next: HostPreferences) => Promise<void>] {
  const [preferences, setPreferences] = useState<HostPreferences | null>(null);
  useEffect(() => {
    let watched = false;
    const unwatch = watchHostPreferences((value) => {
      watched = true;
      setPreferences(value);
    });
    void readHostPreferences().then((value) => {
      if (!watched) setPreferences(value);
    });
    return unwatch;
  }, []);
  const save = useCallback(async (next: HostPreferences) => {
    setPreferences(next);
    await saveHostPreferences(next);
  }, []);
  return [preferences, save];
}
