import { useId } from 'react';
import type { Host } from '../lib/contract/identifiers.ts';
import type { HostPreferences, SidebarSide } from '../lib/ext/host-preferences.ts';

const HOST_LABELS: Record<Host, string> = { zendesk: 'Zendesk', intercom: 'Intercom', salesforce: 'Salesforce' };
const SIDE_LABELS: Record<SidebarSide, string> = { right: 'Right', left: 'Left' };

export interface HostPreferencesFormProps {
  preferences: HostPreferences;
  /** Saved at once: each change is one user action (storage.sync allows about two writes a second). */
  onChange: (next: HostPreferences) => void;
  saved: boolean;
}

/** Where Sidelight runs, and which side of the page its sidebar docks on. */
export function HostPreferencesForm({ preferences, onChange, saved }: HostPreferencesFormProps) {
  const hostsHint = useId();
  return (
    <section className="options__section" aria-labelledby="sidelight-sidebar-title">
      <h2 id="sidelight-sidebar-title">Sidebar</h2>
      <fieldset className="options__fieldset" aria-describedby={hostsHint}>
        <legend>Show the sidebar on</legend>
        {(Object.keys(HOST_LABELS) as Host[]).map((host) => (
          <label key={host} className="options__choice">
            <input
              type="checkbox"
              name="host"
              value={host}
              checked={preferences.hosts[host]}
              onChange={(event) => onChange({ ...preferences, hosts: { ...preferences.hosts, [host]: event.target.checked } })}
            />
            {HOST_LABELS[host]}
          </label>
        ))}
        <p id={hostsHint} className="options__hint">
          Sidelight does not read the pages of a host switched off. A change applies when its pages are next loaded.
        </p>
      </fieldset>
      <fieldset className="options__fieldset">
        <legend>Dock the sidebar on the</legend>
        {(Object.keys(SIDE_LABELS) as SidebarSide[]).map((side) => (
          <label key={side} className="options__choice">
            <input type="radio" name="side" value={side} checked={preferences.side === side} onChange={() => onChange({ ...preferences, side })} />
            {SIDE_LABELS[side]}
          </label>
        ))}
      </fieldset>
      <p role="status" className="options__hint" data-testid="preferences-status">
        {saved ? 'Saved.' : ''}
      </p>
    </section>
  );
}
