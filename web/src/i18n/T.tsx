// A translated sentence with markup: the catalogue string may hold <b>, <i>, <strong>, <em>,
// <code>, <sub>, <sup> and <br/>, and named slots the caller fills (<neg/>, <W/>, ...), so that a
// sentence stays whole and a translator can move the bold word or the swatch. The string is
// parsed into elements, never set as HTML: any other "<...>" is text.
import type { ComponentChildren, VNode } from 'preact';
import { h } from 'preact';
import { t, type MessageValue } from './index';

const TAGS = new Set(['b', 'i', 'strong', 'em', 'code', 'sub', 'sup']);
const TOKEN = /<(\/?)([A-Za-z][\w-]*)\s*(\/?)>/g;

export type Slots = Readonly<Record<string, ComponentChildren>>;

/** <T k="teach.ideas.start.p1" vars={{...}} slots={{ neg: <span class="swatch" /> }} /> */
export function T({ k, vars, slots }: { k: string; vars?: Readonly<Record<string, MessageValue>>; slots?: Slots }) {
  return <>{markup(t(k, vars), slots)}</>;
}

/** The elements of a string with markup (exported for the tests and for attributes' siblings). */
export function markup(text: string, slots: Slots = {}): ComponentChildren[] {
  const root: { tag: string | null; children: ComponentChildren[] } = { tag: null, children: [] };
  const stack = [root];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const [whole, closing, name, selfClosing] = m;
    const known = TAGS.has(name) || name === 'br' || name in slots;
    if (!known) continue;
    const top = stack[stack.length - 1];
    if (m.index > last) top.children.push(text.slice(last, m.index));
    last = m.index + whole.length;
    if (selfClosing || name === 'br' || (name in slots && !TAGS.has(name))) {
      if (closing) continue;
      top.children.push(name === 'br' ? h('br', null) : slots[name]);
    } else if (closing) {
      // Close up to the matching tag; a stray closing tag is dropped.
      const at = stack.map((n) => n.tag).lastIndexOf(name);
      while (at > 0 && stack.length > at) {
        const node = stack.pop()!;
        stack[stack.length - 1].children.push(h(node.tag!, null, ...node.children) as VNode);
      }
    } else {
      stack.push({ tag: name, children: [] });
    }
  }
  const top = stack[stack.length - 1];
  if (last < text.length) top.children.push(text.slice(last));
  while (stack.length > 1) {
    const node = stack.pop()!;
    stack[stack.length - 1].children.push(h(node.tag!, null, ...node.children) as VNode);
  }
  return root.children;
}

/** The plain text of a string with markup (for aria-label, title and tests). */
export function plainText(text: string): string {
  return text.replace(TOKEN, (whole, _c, name) => (TAGS.has(name) || name === 'br' ? '' : whole));
}
