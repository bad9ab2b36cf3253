// A Python script as a read-only code view, lightly highlighted: comments, strings, numbers,
// keywords and the two modules the exported script uses. Built as elements, never as HTML.
import { useMemo } from 'preact/hooks';

const TOKEN =
  /("""[\s\S]*?"""|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*")|(#[^\n]*)|((?:\b\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?\b)|\b(import|from|as|try|except|print|True|False|None)\b|\b(keras|np|model)\b/g;
const CLASSES = ['py-str', 'py-com', 'py-num', 'py-kw', 'py-name'];
/** Past this many characters the script is shown plain (thousands of spans buy nothing). */
const HIGHLIGHT_LIMIT = 200_000;

export function PythonCode({ code, label }: { code: string; label: string }) {
  const parts = useMemo(() => highlight(code), [code]);
  return (
    <pre class="py-code" tabIndex={0} aria-label={label} data-testid="keras-code">
      <code>{parts}</code>
    </pre>
  );
}

function highlight(code: string): preact.ComponentChildren[] {
  if (code.length > HIGHLIGHT_LIMIT) return [code];
  const out: preact.ComponentChildren[] = [];
  let last = 0;
  for (const m of code.matchAll(TOKEN)) {
    if (m.index > last) out.push(code.slice(last, m.index));
    const group = m.slice(1).findIndex((g) => g !== undefined);
    out.push(
      <span key={m.index} class={CLASSES[group]}>
        {m[0]}
      </span>,
    );
    last = m.index + m[0].length;
  }
  if (last < code.length) out.push(code.slice(last));
  return out;
}
