import { defineConfig } from 'vitest/config';

// Core rooms run in Node; UI components opt into happy-dom with a
// `// @vitest-environment happy-dom` docblock.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
