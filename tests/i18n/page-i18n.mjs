// The page's own i18n code (web/src/i18n/index.ts and engine.ts), for the Node tests: each file
// stripped of its types by TypeScript (transpileModule, no type check) into build/i18n-node/, with
// the catalogues beside it, and imported. A test then says an engine error exactly as the page does.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const src = path.join(root, 'web/src/i18n');
const out = path.join(root, 'build/i18n-node');
fs.mkdirSync(out, { recursive: true });
for (const name of ['index', 'engine']) {
  const { outputText } = ts.transpileModule(fs.readFileSync(path.join(src, `${name}.ts`), 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
  });
  const text = outputText
    .replace(/from '\.\/(\w+)'/g, "from './$1.mjs'")
    .replace(/from '\.\/([\w-]+\.json)'/g, "from './$1' with { type: 'json' }");
  fs.writeFileSync(path.join(out, `${name}.mjs`), text);
}
for (const json of ['en.json', 'zh-CN.json']) fs.copyFileSync(path.join(src, json), path.join(out, json));

const index = await import(pathToFileURL(path.join(out, 'index.mjs')).href);
const engine = await import(pathToFileURL(path.join(out, 'engine.mjs')).href);
/** say(message, lng) and messageOf(err): the page's. */
export const { say } = index;
export const { messageOf, engineMessage } = engine;

// Arguments the page says again in its language (engine.ts): their English must not survive.
const TRANSLATED = new Set(['what', 'layer', 'at', 'role', 'dropped', 'remain', 'columns', 'values', 'classes', 'fileLayers', 'modelLayers', 'reason', 'where']);

/**
 * What is wrong with how the page would say an engine error, or [] when nothing is: it carries a
 * message id, the English catalogue says exactly the engine's message, and the Chinese fills
 * every placeholder and holds no English word outside what the error quotes from its input (the
 * values of its other arguments: paths, names, numbers, the user's text).
 * @param {{message: string, id?: string, args?: Record<string, string>}} err
 * @param {(text: string) => string[]} englishWords
 */
export function engineMessageProblems(err, englishWords) {
  if (!err.id) return [`no message id: ${err.message}`];
  const m = messageOf(err);
  const problems = [];
  if (say(m, 'en') !== err.message) problems.push(`the English catalogue says "${say(m, 'en')}", the engine "${err.message}"`);
  let zh = say(m, 'zh-CN');
  if (/\{[A-Za-z]\w*\}/.test(zh)) problems.push(`a placeholder is left: ${zh}`);
  // What the message quotes from its input, longest first (numbers are no English word); a path
  // in context (at: "layers[0].activation") and the API's name of a field ("training data: rows")
  // are code. A layer ("layer 2") is said again in Chinese, so it is not taken out.
  const quoted = Object.entries(err.args ?? {}).flatMap(([k, v]) => {
    if (k === 'at') return /^(model: )?layer \d/.test(v) ? [] : [v];
    if (k === 'what') return [v.match(/: (\w+)$/)?.[1] ?? ''];
    return TRANSLATED.has(k) || /^[\d.e+-]*$/.test(v) ? [] : [v];
  });
  for (const v of quoted.filter(Boolean).sort((a, b) => b.length - a.length)) zh = zh.split(v).join(' ');
  const words = englishWords(zh.replace(/'[^']*'/g, ' '));
  if (words.length) problems.push(`English left in the Chinese (${words.join(' ')}): ${say(m, 'zh-CN')}`);
  return problems;
}
