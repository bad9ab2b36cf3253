// KaTeX, rendered to a string. Only \htmlData is trusted: it carries each number's exact value
// and source as data attributes (see format.ts, N). A formula KaTeX cannot parse is a bug in a
// formula builder: it is reported on the console and shown as its source.
import katex from 'katex';
import 'katex/dist/katex.min.css';
import { useMemo } from 'preact/hooks';

const OPTIONS = {
  throwOnError: true,
  strict: 'ignore' as const,
  trust: (context: { command: string }) => context.command === '\\htmlData',
};

export function renderTex(tex: string, display: boolean): string {
  try {
    return katex.renderToString(tex, { ...OPTIONS, displayMode: display });
  } catch (err) {
    console.error(`KaTeX: ${err instanceof Error ? err.message : String(err)} in ${tex}`);
    return `<code class="tex-error">${tex.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!)}</code>`;
  }
}

export function Tex({ tex, display = true, class: cls }: { tex: string; display?: boolean; class?: string }) {
  const html = useMemo(() => renderTex(tex, display), [tex, display]);
  const Tag = display ? 'div' : 'span';
  return <Tag class={`tex${display ? ' tex--display' : ''}${cls ? ` ${cls}` : ''}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
