/**
 * Lint for the whole monorepo (ESLint 9 flat config, typescript-eslint recommended, no type-aware
 * rules so `eslint .` stays fast).
 *
 * Besides style, this file enforces the architecture boundaries of DESIGN.md / CONVENTIONS.md with
 * `no-restricted-imports`:
 *   - apps/web imports the runtime only as `import type` (AppRouter);
 *   - only apps/web/src/modeler touches bpmn-js, diagram-js and the @bpmn-io packages;
 *   - apps/runtime/src/engine never reaches http/, store/ or services/;
 *   - apps/runtime/src/store never reaches engine/, http/ or services/;
 *   - packages/shared imports zod and its own relative files only.
 *
 * Flat config replaces (does not merge) a rule's options when several blocks match one file, so each
 * folder's restriction list is built complete by `restrict()` and the folders do not overlap.
 * The relative-path rules are depth-aware: a file N folders below `src/<layer>/` must climb exactly
 * N+1 times to reach a sibling layer, so `engine/services.ts` (bpmn-engine's own "services" option)
 * is never mistaken for `src/services/`.
 */
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const TS = '**/*.{ts,tsx,mts,cts}';
const SRC = '{ts,tsx,mts,cts,js,jsx,mjs}';

/** Node globals for plain JavaScript files (TypeScript files get them from @types/node). */
const nodeGlobals = Object.fromEntries(
  [
    'process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'setTimeout', 'clearTimeout',
    'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'queueMicrotask', 'fetch',
    'AbortController', 'AbortSignal', 'TextEncoder', 'TextDecoder', 'structuredClone', 'performance',
    'Response', 'Request', 'Headers',
  ].map((name) => [name, 'readonly']),
);

/** Regex-based pattern entry for no-restricted-imports. */
const pattern = (regex, message, extra = {}) => ({ regex, message, ...extra });

/** Paths into the runtime package, by name or by a relative path out of apps/web. */
const runtimeFromWeb = [
  { name: '@baton/runtime', allowTypeImports: true, message: 'The web imports the runtime only as `import type { AppRouter }`.' },
  pattern('^@baton/runtime/', 'The web imports the runtime only as `import type` from `@baton/runtime`.', { allowTypeImports: true }),
  pattern('(^|/)apps/runtime(/|$)|^(\\.\\./)+runtime(/|$)', 'The web imports the runtime only as `import type` from `@baton/runtime`.', { allowTypeImports: true }),
];

const bpmnOutsideModeler = pattern(
  '^(bpmn-js|diagram-js)(-[^/]+)?(/|$)|^@bpmn-io/',
  'Only apps/web/src/modeler/ touches bpmn-js, diagram-js and @bpmn-io packages; expose what you need from a modeler/ component or hook.',
);

/** One complete restriction list for the files of a block. */
const restrict = (paths, patterns) => ({
  'no-restricted-imports': 'off',
  '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }],
});

/**
 * Blocks for files under apps/runtime/src/<layer>/ (at depth 0..4 below it) that must not reach the
 * listed sibling layers through a relative import.
 */
function runtimeLayer(layer, forbidden, why) {
  const blocks = [];
  for (let depth = 0; depth <= 4; depth += 1) {
    const dirs = '*/'.repeat(depth);
    const climb = `(\\.\\./){${depth + 1}}`;
    blocks.push({
      name: `baton/boundaries/runtime-${layer}-depth-${depth}`,
      files: [`apps/runtime/src/${layer}/${dirs}*.${SRC}`],
      rules: restrict(
        [],
        [
          pattern(`^${climb}(${forbidden.join('|')})(/|\\.[cm]?[jt]sx?$|$)`, why),
          pattern('(^|/)(apps/)?runtime/src/', 'Import sibling runtime modules by a relative path, respecting the layering.'),
        ],
      ),
    });
  }
  return blocks;
}

export default defineConfig(
  {
    name: 'baton/ignores',
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.turbo/**',
      '**/coverage/**',
      '**/playwright-report/**',
      '**/test-results/**',
      '**/blob-report/**',
      '**/data/**',
      '**/.tmp/**',
      '**/.probe/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'baton/javascript',
    files: [`**/*.{js,mjs,cjs}`],
    languageOptions: { globals: nodeGlobals, sourceType: 'module', ecmaVersion: 'latest' },
  },
  {
    name: 'baton/style',
    files: [TS, '**/*.{js,mjs,cjs,jsx}'],
    rules: {
      // Fast-moving code (bpmn-engine and bpmn-js have loose typings): visible, not blocking.
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // bpmn-js services are classes with `static $inject` and constructor-only side effects.
      '@typescript-eslint/no-extraneous-class': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    name: 'baton/react-hooks',
    files: [`apps/web/**/*.{ts,tsx}`],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    name: 'baton/e2e',
    files: [`e2e/**/*.${SRC}`],
    // Playwright fixtures without dependencies must destructure `{}`: that is how it reads them.
    rules: { 'no-empty-pattern': 'off' },
  },

  // ---------- boundaries: web ----------
  {
    name: 'baton/boundaries/web',
    files: [`apps/web/**/*.${SRC}`],
    rules: restrict(runtimeFromWeb.filter((p) => 'name' in p), [...runtimeFromWeb.filter((p) => !('name' in p)), bpmnOutsideModeler]),
  },
  {
    name: 'baton/boundaries/web-modeler',
    files: [`apps/web/src/modeler/**/*.${SRC}`],
    rules: restrict(runtimeFromWeb.filter((p) => 'name' in p), runtimeFromWeb.filter((p) => !('name' in p))),
  },

  // ---------- boundaries: runtime layers ----------
  ...runtimeLayer(
    'engine',
    ['http', 'store', 'services'],
    'engine/ never imports http/, store/ or services/: return effects and events; services commit them (DESIGN.md, Layering).',
  ),
  ...runtimeLayer(
    'store',
    ['engine', 'http', 'services'],
    'store/ never imports engine/, http/ or services/: it is the domain-shaped door to the database only.',
  ),

  // ---------- boundaries: shared ----------
  {
    name: 'baton/boundaries/shared',
    files: [`packages/shared/**/*.${SRC}`],
    ignores: ['packages/shared/**/*.test.*'],
    rules: restrict(
      [],
      [pattern('^(?!zod(/|$)|\\.\\.?/)', '@baton/shared imports only zod and its own relative files.')],
    ),
  },
  {
    name: 'baton/boundaries/shared-tests',
    files: [`packages/shared/**/*.test.*`],
    rules: restrict(
      [],
      [pattern('^(?!zod(/|$)|vitest(/|$)|node:|\\.\\.?/)', '@baton/shared tests import only zod, vitest, node: built-ins and relative files.')],
    ),
  },
);
