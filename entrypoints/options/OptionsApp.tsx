import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MessageInput } from '../../lib/contract/messages.ts';
import { OptionsForm } from '../../components/OptionsForm.tsx';
import { ask } from '../../lib/ext/messaging.ts';
import { settingsKeys, settingsQuery } from '../../lib/ext/queries.ts';

/** Loads the saved settings (token masked), saves new ones through the background and shows its test. */
export function OptionsApp() {
  const queryClient = useQueryClient();
  const settings = useQuery(settingsQuery());
  const refreshSettings = () => queryClient.invalidateQueries({ queryKey: settingsKeys.all });
  const save = useMutation({
    mutationFn: (input: MessageInput<'settings:save'>) => ask('settings:save', input),
    onSettled: refreshSettings,
  });
  const signOut = useMutation({
    mutationFn: () => ask('settings:sign-out', {}),
    onSuccess: () => save.reset(),
    onSettled: refreshSettings,
  });

  if (settings.isPending) return null;
  if (settings.isError) return <p role="alert">Could not read the settings: {settings.error.message}</p>;
  return (
    <OptionsForm
      settings={settings.data}
      saving={save.isPending || signOut.isPending}
      result={save.isError ? { ok: false, message: save.error.message } : (save.data ?? null)}
      onSave={(input) => save.mutate(input)}
      onSignOut={() => signOut.mutate()}
    />
  );
}
