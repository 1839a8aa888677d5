import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Dates are built in Europe/London explicitly; pinning TZ catches any code that forgets.
    env: { TZ: 'UTC' },
    testTimeout: 20_000,
    globalSetup: ['tests/pg/global-setup.ts'],
  },
});
