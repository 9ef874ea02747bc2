/**
 * A duration in seconds as people say it ("12 min", "5 h", "3 days"): the sidebar's metric tiles and the
 * backend's health-factor details both say it this way, so a factor and its tile never disagree.
 */
export function formatDuration(seconds: number): string {
  const hours = seconds / 3600;
  if (hours < 1) return `${Math.max(0, Math.round(seconds / 60))} min`;
  if (hours < 48) return `${Math.round(hours)} h`;
  return `${Math.round(hours / 24)} days`;
}
