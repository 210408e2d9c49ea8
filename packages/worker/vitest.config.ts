import { defineConfig } from 'vitest/config';

// The tests spawn a real runtime process: give start-up and polling room, but stay bounded.
export default defineConfig({ test: { testTimeout: 30_000, hookTimeout: 60_000 } });
