import type { MessageOutput } from '../lib/contract/messages.ts';
import { ContextSummary } from './ContextSummary.tsx';
import { FailureState, LoadingSkeleton, NothingDetected, SignedOut, Waiting } from './SidebarStates.tsx';
import './sidebar.css';

/** Everything the sidebar can show: the background's answer, or the page's own loading and failure. */
export type SidebarView =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | MessageOutput<'context:get'>;

export interface SidebarProps {
  view: SidebarView;
  onRetry: () => void;
  onOpenOptions: () => void;
}

export function Sidebar({ view, onRetry, onOpenOptions }: SidebarProps) {
  return (
    <main className="sidebar" aria-busy={view.state === 'loading'}>
      <header className="sidebar__brand">Sidelight</header>
      <SidebarBody view={view} onRetry={onRetry} onOpenOptions={onOpenOptions} />
    </main>
  );
}

function SidebarBody({ view, onRetry, onOpenOptions }: SidebarProps) {
  switch (view.state) {
    case 'loading':
      return <LoadingSkeleton />;
    case 'waiting':
      return <Waiting />;
    case 'signed-out':
      return <SignedOut onOpenOptions={onOpenOptions} />;
    case 'miss':
      return <NothingDetected reason={view.miss.reason} lookedFor={view.miss.lookedFor} />;
    case 'failed':
      return <FailureState message={view.message} onRetry={onRetry} />;
    case 'error':
      return <FailureState message={view.message} onRetry={onRetry} />;
    case 'ready':
      return <ContextSummary context={view.context} label={view.detection.label} />;
  }
}
