// The few icons the page uses, as inline SVG (no icon font, no network).
const PATHS = {
  play: 'M8 5.5v13a1 1 0 0 0 1.5.86l10.5-6.5a1 1 0 0 0 0-1.72L9.5 4.64A1 1 0 0 0 8 5.5z',
  pause: 'M7 5h3.5v14H7zM13.5 5H17v14h-3.5z',
  reset: 'M12 5a7 7 0 1 1-6.65 4.8l1.9.62A5 5 0 1 0 12 7v3L7.5 6 12 2z',
  plus: 'M11 5h2v6h6v2h-6v6h-2v-6H5v-2h6z',
  minus: 'M5 11h14v2H5z',
  upload: 'M12 3l5 5h-3v6h-4V8H7zM5 17h14v3H5z',
  download: 'M10 3h4v7h3l-5 5-5-5h3zM5 17h14v3H5z',
  warning: 'M12 3l10 18H2zm-1 6v6h2V9zm0 8v2h2v-2z',
} as const;

export function Icon({ name, size = 20 }: { name: keyof typeof PATHS; size?: number }) {
  return (
    <svg class="icon" width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
