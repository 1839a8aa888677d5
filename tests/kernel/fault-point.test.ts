/**
 * The fault point itself, in child processes (one that halts must not be the test runner): it
 * fires only at the point it is armed for and, for a point with a count, only once the count has
 * reached it; it says so on stderr and then nothing else runs; unarmed it does nothing.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { faultMarker, startNode } from '../hardening/spawn-cli.js';
import { ROOT } from '../helpers.js';

const MODULE = pathToFileURL(join(ROOT, 'src/kernel/fault-point.ts')).href;

/** Runs `body` (module code with `faultPoint` imported) under tsx with TCO2E_FAULT_POINT set to `armed`. */
function run(armed: string, body: string): ReturnType<typeof startNode> {
  const code = `import { faultPoint } from ${JSON.stringify(MODULE)};\nconst say = (t) => process.stderr.write(t + '\\n');\n${body}`;
  return startNode(`fault-point child (${armed || 'unarmed'})`, ['--import', 'tsx', '--input-type=module', '-e', code], { env: { TCO2E_FAULT_POINT: armed } });
}

describe('faultPoint', () => {
  it('armed with a count: passes other points and smaller counts, then halts at the first call at or past it, and nothing after runs', async () => {
    const child = run('rows-read:100', `
      faultPoint('rows-read', 99);
      faultPoint('rows-read');
      faultPoint('rows-written', 1000);
      faultPoint('in-transaction');
      say('passed');
      setTimeout(() => say('timer ran'), 0);
      faultPoint('rows-read', 150);
      say('after');
    `);
    try {
      expect(await child.stderrLine(faultMarker('rows-read:100'))).toBe(`${faultMarker('rows-read:100')} count=150`);
    } finally {
      child.kill();
    }
    const r = await child.done;
    expect(r.signal).toBe('SIGKILL');
    expect(r.stderr).toBe(`passed\n${faultMarker('rows-read:100')} count=150\n`);
  });

  it('armed with a name: halts there and nowhere else', async () => {
    const child = run('before-commit', `
      faultPoint('in-transaction');
      faultPoint('rows-read', 1e9);
      say('passed');
      faultPoint('before-commit');
      say('after');
    `);
    try {
      expect(await child.stderrLine(faultMarker('before-commit'))).toBe(faultMarker('before-commit'));
    } finally {
      child.kill();
    }
    const r = await child.done;
    expect(r.signal).toBe('SIGKILL');
    expect(r.stderr).toBe(`passed\n${faultMarker('before-commit')}\n`);
  });

  it('unarmed (the variable empty), or armed for a point no call names: every point is passed and the process ends normally', async () => {
    for (const armed of ['', 'no-such-point']) {
      const r = await run(armed, `
        for (const p of ['rows-read', 'in-transaction', 'before-commit']) { faultPoint(p); faultPoint(p, 1e9); }
        say('done');
      `).done;
      expect(r.code, armed).toBe(0);
      expect(r.stderr, armed).toBe('done\n');
    }
  });
});
