// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const uiImports = {
  patterns: [
    { group: ['react', 'react/*', 'ink', 'ink-*', 'ink/*'], message: 'The core has no terminal and no React in it.' },
    { group: ['**/ui/**', '**/ui'], message: 'The core may not import the UI.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'dist-tsc/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['src/cluster/**/*.ts', 'src/commands/**/*.ts', 'src/lessons/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', uiImports] },
  },
  {
    files: ['src/cluster/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Use the simulated clock (cluster.clock.now()).' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use the simulated clock (cluster.clock.now()).' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Use the seeded random source.' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Schedule on the simulated clock.' },
        { name: 'setInterval', message: 'Schedule on the simulated clock.' },
        { name: 'setImmediate', message: 'Schedule on the simulated clock.' },
      ],
    },
  },
);
