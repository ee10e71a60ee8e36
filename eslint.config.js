// Lint rules enforced in CI (`npm run lint`): typescript-eslint's recommended set, React hooks, and the house habits.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ignores: ['dist/**', 'node_modules/**', 'test-artifacts/**', 'coverage/**']},
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		// Plain Node scripts (test helpers, models:fetch): Node's globals.
		files: ['**/*.mjs'],
		languageOptions: {
			globals: Object.fromEntries(
				['process', 'console', 'Buffer', 'URL', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'].map((name) => [name, 'readonly']),
			),
		},
	},
	{
		files: ['**/*.{ts,tsx}'],
		plugins: {'react-hooks': reactHooks},
		rules: {
			...reactHooks.configs.recommended.rules,
			'@typescript-eslint/consistent-type-imports': ['error', {fixStyle: 'inline-type-imports', disallowTypeAnnotations: false}],
			// A terminal tool matches escape and control characters on purpose (sanitising, ANSI stripping).
			'no-control-regex': 'off',
			'@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none'}],
			'no-restricted-syntax': ['error', {selector: 'TSIndexSignature', message: 'Declare the fields: closed types (STYLE.md 11).'}],
		},
	},
);
