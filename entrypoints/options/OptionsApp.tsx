import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { MessageInput } from '../../lib/contract/messages.ts';
import { ConnectionTest } from '../../components/ConnectionTest.tsx';
import { HostPreferencesForm } from '../../components/HostPreferencesForm.tsx';
import { OptionsForm } from '../../components/OptionsForm.tsx';
import type { HostPreferences } from '../../lib/ext/host-preferences.ts';
import { ask } from '../../lib/ext/messaging.ts';
import { settingsKeys, settingsQuery } from '../../lib/ext/queries.ts';
import { useHostPreferences } from '../../lib/ext/use-host-preferences.ts';

/** Loads the saved settings (token masked), saves new ones through the background and shows its test. */
export function OptionsApp() {
  const queryClient = useQueryClient();
  const settings = useQuery(settingsQuery());
  const refreshSettings = () => queryClient.invalidateQueries({ queryKey: settingsKeys.all });
  // Saving tests the connection too; an older test's answer would then be out of date.
  const test = useMutation({ mutationFn: () => ask('connection:test', {}) });
  const save = useMutation({
    mutationFn: (input: MessageInput<'settings:save'>) => ask('settings:save', input),
    onSuccess: () => test.reset(),
    onSettled: refreshSettings,
  });
  const signOut = useMutation({
    mutationFn: () => ask('settings:sign-out', {}),
    onSuccess: () => {
      save.reset();
      test.reset();
    },
    onSettled: refreshSettings,
  });
  const [preferences, savePreferences] = useHostPreferences();
  const [preferencesSaved, setPreferencesSaved] = useState(false);
  const changePreferences = (next: HostPreferences) => {
    setPreferencesSaved(false);
    void savePreferences(next).then(() => setPreferencesSaved(true));
  };

  if (settings.isPending) return null;
  if (settings.isError) return <p role="alert">Could not read the settings: {settings.error.message}</p>;
  return (
    <OptionsForm
      settings={settings.data}
      saving={save.isPending || signOut.isPending}
      result={save.isError ? { ok: false, message: save.error.message } : (save.data ?? null)}
      onSave={(input) => save.mutate(input)}
      onSignOut={() => signOut.mutate()}
    >
      <ConnectionTest
        testing={test.isPending}
        result={test.isError ? { ok: false, reason: 'error', message: test.error.message } : (test.data ?? null)}
        onTest={() => test.mutate()}
      />
      {preferences && <HostPreferencesForm preferences={preferences} saved={preferencesSaved} onChange={changePreferences} />}
    </OptionsForm>
  );
}
