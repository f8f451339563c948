import type { Note } from '../exercise/types.ts';

/**
 * The announcements a screen shows in game month `month`: those made this month (or later, in a
 * view of the past) and the pinned ones. An announcement expires when the next month begins unless
 * the White Cell pins it (`pinNote`); unpinned, it expires again.
 */
export function announcementsNow(notes: readonly Note[], month: number): Note[] {
  return notes.filter((n) => n.kind === 'announcement' && (n.pinned === true || n.month >= month));
}
