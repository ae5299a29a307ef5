import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import vueI18n from '@intlify/eslint-plugin-vue-i18n';

/**
 * A server module (server/src/<module>/) is entered only through its index.ts. The patterns
 * go by the importing file's depth: from server/src/<module>/<sub>/file.ts, `../../<other>/`
 * leaves the module, while `../<sub2>/` stays inside it (where internals are fine).
 */
function moduleBoundaries() {
  const message = 'Import another module only through its index.js (its public surface).';
  const depths = [0, 1, 2, 3];
  return [
    {
      files: ['server/src/*.ts'],
      rules: {
        'no-restricted-imports': [
          'error',
          { patterns: [{ regex: '^\\./(?!\\.)[^/]+/(?!index\\.js$)', message }] },
        ],
      },
    },
    ...depths.map((depth) => ({
      files: [`server/src/*/${'*/'.repeat(depth)}*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          { patterns: [{ regex: `^(?:\\.\\./){${depth + 1}}(?!\\.)[^/]+/(?!index\\.js$)`, message }] },
        ],
      },
    })),
  ];
}

/**
 * Client feature folders with an index.ts (client/src/<feature>/) are entered only through
 * it. Not yet records, boards, calendar, collab, shell, admin, account: a barrel there pulls
 * the lazily loaded pages and the co-editor into every importer's chunk.
 */
function clientFeatureBoundaries() {
  const message = 'Import this client feature only through its index (its public surface).';
  const features = '(?:apollo|auth|forms|keyboard|metadata|testing|workspaces)';
  const depths = [0, 1, 2, 3];
  const rule = (up) => ['error', { patterns: [{ regex: `^${up}${features}/`, message }] }];
  return [
    { files: ['client/src/*.{ts,vue}'], rules: { 'no-restricted-imports': rule('\\./') } },
    ...depths.map((depth) => ({
      files: [`client/src/*/${'*/'.repeat(depth)}*.{ts,vue}`],
      rules: { 'no-restricted-imports': rule(`(?:\\.\\./){${depth + 1}}`) },
    })),
  ];
}

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.data/**', '**/.tmp/**', 'schema/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['client/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/scripts/**', 'tests/**', '**/*.test.ts', '**/bench/**'],
    rules: { 'no-console': 'off' },
  },
  ...moduleBoundaries(),
  ...clientFeatureBoundaries(),
  {
    // Every word on screen comes from the message files (docs/i18n.md): no raw text in templates.
    files: ['client/src/**/*.vue'],
    plugins: { '@intlify/vue-i18n': vueI18n },
    rules: {
      '@intlify/vue-i18n/no-raw-text': [
        'error',
        {
          attributes: { '/.+/': ['title', 'aria-label', 'placeholder', 'alt', 'label'] },
          // Symbols, numbers and keyboard hints are the same in every language.
          ignoreText: ['CRM'],
          ignorePattern: String.raw`^[\s\d.,:;!?·•…×✕+\-–—/|()[\]{}#%*&@←→↑↓⌘⇧✓★☆"“”‘’'«»<>=€$£¥]*$`,
        },
      ],
    },
  },
  prettier,
);
