import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../src/render/html/write-atomic.js';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'tco2e-atomic-'));
}

describe('writeFileAtomic', () => {
  it('writes a new file and leaves no temporary file', async () => {
    const dir = folder();
    await writeFileAtomic(join(dir, 'report.html'), '<p>new</p>');
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe('<p>new</p>');
    expect(readdirSync(dir)).toEqual(['report.html']);
  });

  it('replaces an existing report', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'report.html'), 'old');
    await writeFileAtomic(join(dir, 'report.html'), new TextEncoder().encode('new'));
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe('new');
  });

  it('writes chunks from a stream in order', async () => {
    const dir = folder();
    async function* chunks(): AsyncGenerator<string> {
      yield 'a';
      await Promise.resolve();
      yield 'b';
    }
    await writeFileAtomic(join(dir, 'r.html'), chunks());
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toBe('ab');
  });

  it('leaves the previous report intact, and no temporary file, when writing fails part-way', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'report.html'), 'previous report');
    function* failing(): Generator<string> {
      yield 'half a rep';
      throw new Error('ENOSPC: no space left on device');
    }
    await expect(writeFileAtomic(join(dir, 'report.html'), failing())).rejects.toThrow('ENOSPC');
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe('previous report');
    expect(readdirSync(dir)).toEqual(['report.html']);
  });

  it('fails when the folder does not exist, creating nothing', async () => {
    const dir = folder();
    await expect(writeFileAtomic(join(dir, 'missing', 'r.html'), 'x')).rejects.toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
