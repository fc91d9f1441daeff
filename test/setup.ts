import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

// Tests never touch the learner's real config, and stored objects are deep-frozen
// so a component that mutates what it read from the API fails loudly.
const dir = mkdtempSync(join(tmpdir(), 'kubedojo-test-'));
process.env.KUBEDOJO_CONFIG_DIR = dir;
process.env.KUBEDOJO_FREEZE = '1';
afterAll(() => rmSync(dir, { recursive: true, force: true }));
