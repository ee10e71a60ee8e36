import {defineConfig} from 'vitest/config';

export default defineConfig({
	// Tests run with NODE_ENV=production (as the CLI does), where React has no jsxDEV.
	esbuild: {jsxDev: false},
	test: {
		include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
		pool: 'forks',
		testTimeout: 60_000,
		hookTimeout: 60_000,
		env: {NODE_ENV: 'production'},
		setupFiles: ['test/setup/terminal-env.ts'],
	},
});
