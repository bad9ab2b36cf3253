// The share menu's icons, inline SVG like components/Icon.tsx (24 x 24, currentColor).
const PATHS = {
  share: 'M18 16a3 3 0 0 0-2.4 1.2l-6.7-3.4a3 3 0 0 0 0-1.6l6.7-3.4A3 3 0 1 0 15 7l-6.7 3.4a3 3 0 1 0 0 3.2L15 17a3 3 0 1 0 3-1z',
  link: 'M7 7h4v2H7a3 3 0 0 0 0 6h4v2H7A5 5 0 0 1 7 7zm6 0h4a5 5 0 0 1 0 10h-4v-2h4a3 3 0 0 0 0-6h-4zm-5 4h8v2H8z',
  save: 'M5 3h11l3 3v13a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm2 2v4h8V5zm5 8a3 3 0 1 0 0 6 3 3 0 0 0 0-6z',
  open: 'M3 6a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v1H7.4a2 2 0 0 0-1.9 1.4L3 18zm4.4 5H22l-2.6 7.4a2 2 0 0 1-1.9 1.6H3.5z',
  code: 'M8.7 7.3 4 12l4.7 4.7-1.4 1.4L1.2 12l6.1-6.1zm6.6 0 1.4-1.4 6.1 6.1-6.1 6.1-1.4-1.4L20 12z',
  copy: 'M8 3h10a2 2 0 0 1 2 2v12h-2V5H8zM4 7h10a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V9a2 2 0 0 1 2-2zm0 2v11h10V9z',
  check: 'M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z',
  download: 'M10 3h4v7h3l-5 5-5-5h3zM5 17h14v3H5z',
  close: 'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4z',
  info: 'M12 2a10 10 0 1 1 0 20 10 10 0 0 1 0-20zm-1 8v7h2v-7zm0-4v2h2V6z',
  warning: 'M12 3l10 18H2zm-1 6v6h2V9zm0 8v2h2v-2z',
  chevron: 'M7 9.5 12 14.5 17 9.5 15.6 8.1 12 11.7 8.4 8.1z',
} as const;

export type ShareIconName = keyof typeof PATHS;

export function ShareIcon({ name, size = 18 }: { name: ShareIconName; size?: number }) {
  return (
    <svg class="icon" width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
