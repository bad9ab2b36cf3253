// The page's keyboard shortcuts (Play mode's Space and →, Teach mode's ← and →) share one rule
// for when a key is theirs.

/**
 * Whether a key press is for the page's shortcuts: no modifier, not while typing, and not on a
 * control reached with the keyboard, which keeps its own keys (one that only has focus because it
 * was clicked does not), unless the control is inside `own` (a selector: the shortcuts' own bar).
 */
export function isShortcut(e: KeyboardEvent, own?: string): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey) return false;
  const el = e.target as HTMLElement | null;
  if (el?.closest('input, select, textarea, [contenteditable=""], [contenteditable="true"]')) return false;
  return !(el?.closest('button, summary, a, [tabindex]') && el.matches(':focus-visible') && !(own && el.closest(own)));
}
