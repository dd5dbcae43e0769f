import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The room table of ARCHITECTURE.md: what each folder under src/ may import.
// An entry is a room, or one file of a room ('tsdb/storage', the querier and
// appender face). Tests may also build their fixtures with the `tests` entries.
const ROOMS = {
  model: { may: [] },
  config: { may: ['model'] },
  exposition: { may: ['model'] },
  tsdb: { may: ['model'] },
  promql: { may: ['model', 'tsdb/storage'], tests: ['tsdb'] },
  scrape: { may: ['model', 'config', 'exposition', 'tsdb/storage'], tests: ['tsdb'] },
  rules: { may: ['model', 'config', 'promql', 'tsdb'] },
  notify: { may: ['model'] },
  remote: { may: ['model', 'config', 'tsdb'], types: ['promql'] },
  dashboards: { may: ['model', 'promql/parser'] },
  engine: { may: ['model', 'config', 'exposition', 'tsdb', 'promql', 'scrape', 'rules', 'notify', 'remote', 'dashboards'] },
  cli: { may: ['model', 'config', 'exposition', 'tsdb', 'promql', 'scrape', 'rules', 'notify', 'remote', 'dashboards', 'engine'] },
  ui: { may: ['model', 'dashboards', 'engine/api'] },
};
const SOURCES = '{ts,tsx}';
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A regex for imports, written relative to a file `depth` folders below src/,
 * that leave `room` for a room or file it may not reach. Spelled per depth so
 * that '../engine' from src/promql/parser/ (promql's own engine.ts) is not
 * mistaken for the engine room.
 */
function crossing(room, allowed, depth) {
  const up = `^(\\.\\./){${depth}}`;
  const others = Object.keys(ROOMS).filter((r) => r !== room && !allowed.includes(r));
  const partial = allowed.filter((a) => a.includes('/'));
  const whole = [...new Set(partial.map((a) => a.split('/')[0]))].filter((r) => !allowed.includes(r));
  const parts = others.filter((r) => !whole.includes(r)).map((r) => `${escape(r)}(/|$)`);
  for (const r of whole) {
    const files = partial.filter((a) => a.startsWith(`${r}/`)).map((a) => escape(a.slice(r.length + 1)));
    parts.push(`${escape(r)}/(?!(${files.join('|')})(/|$))`);
  }
  return parts.length ? `${up}(${parts.join('|')})` : null;
}

function roomRule(room, allowed, typesOnly, depth) {
  const message = `src/${room} may import only ${allowed.length ? allowed.join(', ') : 'nothing outside itself'}${typesOnly.length ? ` (and types of ${typesOnly.join(', ')})` : ''}: the room table in ARCHITECTURE.md.`;
  const patterns = [];
  const values = crossing(room, [...allowed, ...typesOnly], depth);
  if (values) patterns.push({ regex: values, caseSensitive: true, message });
  for (const t of typesOnly) patterns.push({ regex: `^(\\.\\./){${depth}}${escape(t)}(/|$)`, caseSensitive: true, allowTypeImports: true, message });
  return { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] };
}

const roomBoundaries = Object.entries(ROOMS).flatMap(([room, { may, tests = [], types = [] }]) =>
  [1, 2, 3].flatMap((depth) => {
    const files = [`src/${room}/${'*/'.repeat(depth - 1)}*.${SOURCES}`];
    const blocks = [{ files, rules: roomRule(room, may, types, depth) }];
    if (tests.length) blocks.push({ files: files.map((f) => f.replace(`*.${SOURCES}`, `*.test.${SOURCES}`)), rules: roomRule(room, [...may, ...tests], types, depth) });
    return blocks;
  }),
);

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', '.bench/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['src/ui/**/*.tsx', 'src/ui/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Untrusted text (label values, HELP, annotations) must never become markup.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: {
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'Render untrusted text as text.' },
        { property: 'outerHTML', message: 'Render untrusted text as text.' },
        { property: 'insertAdjacentHTML', message: 'Render untrusted text as text.' }],
      'no-restricted-syntax': ['error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render untrusted text as text.' }],
    },
  },
  ...roomBoundaries,
);
