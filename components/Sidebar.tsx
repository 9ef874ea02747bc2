import type { TabContext } from '../lib/contract/messages.ts';
import { ContextView } from './ContextView.tsx';
import { FailureState, LoadingSkeleton, NothingDetected, SignedOut, Waiting } from './SidebarStates.tsx';
import './sidebar.css';

/** Everything the sidebar can show: the background's answer, or the page's own loading and failure. */
export type SidebarView = { state: 'loading' } | { state: 'failed'; message: string } | TabContext;

export interface SidebarProps {
  view: SidebarView;
  /** A retry is under way (the button says so instead of being pressed twice). */
  retrying: boolean;
  onRetry: () => void;
  onOpenOptions: () => void;
}

/** The body of the panel for one state; the panel's frame (collapse, resize) is `SidebarPanel`. */
export function Sidebar({ view, retrying, onRetry, onOpenOptions }: SidebarProps) {
  switch (view.state) {
    case 'loading':
      return <LoadingSkeleton />;
    case 'waiting':
      return <Waiting />;
    case 'signed-out':
      return <SignedOut reason={view.reason} onOpenOptions={onOpenOptions} />;
    case 'miss':
      return <NothingDetected reason={view.miss.reason} lookedFor={view.miss.lookedFor} />;
    case 'failed':
    case 'error':
      return <FailureState message={view.message} retrying={retrying} onRetry={onRetry} />;
    case 'ready':
      return <ContextView view={view} retrying={retrying} onRetry={onRetry} />;
  }
}
