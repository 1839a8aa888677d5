import { spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { protectedTarget, workspaceFiles, writeOutputFile } from '../../src/render/output-file.js';
import { userErrorAsync } from '../helpers.js';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'tco2e-output-'));
}

describe('writeOutputFile: whole or not at all', () => {
  it('writes a new file (text, bytes or pieces in order) and leaves no temporary file', async () => {
    const dir = folder();
    await writeOutputFile(join(dir, 'a.html'), '<p>new</p>', []);
    await writeOutputFile(join(dir, 'b.csv'), new TextEncoder().encode('x,y\r\n'), []);
    async function* pieces(): AsyncGenerator<string> {
      yield 'a';
      await Promise.resolve();
      yield 'b';
    }
    await writeOutputFile(join(dir, 'c.txt'), pieces(), []);
    expect([readFileSync(join(dir, 'a.html'), 'utf8'), readFileSync(join(dir, 'b.csv'), 'utf8'), readFileSync(join(dir, 'c.txt'), 'utf8')]).toEqual(['<p>new</p>', 'x,y\r\n', 'ab']);
    expect(readdirSync(dir).sort()).toEqual(['a.html', 'b.csv', 'c.txt']);
  });

  it('removes the temporary a killed writer of a report left in the folder (any output, not only exports)', async () => {
    const dir = folder();
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const here = hostname().toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 32) || 'host';
    writeFileSync(join(dir, `.board.html.tco2e-${ended}-${here}-0123456789ab.tmp`), '<html><body>half a rep');
    const bytes = await writeOutputFile(join(dir, 'board.html'), '<p>whole</p>', []);
    expect(bytes).toBe(12);
    expect(readdirSync(dir)).toEqual(['board.html']);
  });

  it('replaces an earlier file, and creates the folders the path names', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'r.html'), 'old');
    await writeOutputFile(join(dir, 'r.html'), 'new', []);
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toBe('new');
    await writeOutputFile(join(dir, '2025', 'q1', 'r.html'), 'deep', []);
    expect(readFileSync(join(dir, '2025', 'q1', 'r.html'), 'utf8')).toBe('deep');
  });

  it('a failure part-way leaves the earlier file as it was and no temporary file', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'report.html'), 'previous report');
    function* failing(): Generator<string> {
      yield 'half a rep';
      throw new Error('the renderer failed');
    }
    await expect(writeOutputFile(join(dir, 'report.html'), failing(), [])).rejects.toThrow('the renderer failed');
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe('previous report');
    expect(readdirSync(dir)).toEqual(['report.html']);
  });

  it('a full disk is a clear user error naming the file and the flag', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'report.html'), 'previous report');
    function* full(): Generator<string> {
      yield 'half';
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }
    const e = await userErrorAsync(writeOutputFile(join(dir, 'report.html'), full(), [], '--rejects'));
    expect(e.code).toBe('disk_full');
    expect(e.message).toContain(join(dir, 'report.html'));
    expect(e.message).toContain('Any earlier copy of it is unchanged');
    expect(e.hint).toContain('--rejects');
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe('previous report');
    expect(readdirSync(dir)).toEqual(['report.html']);
  });

  it('a folder given as the file is refused, naming it', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'reports'));
    const e = await userErrorAsync(writeOutputFile(join(dir, 'reports'), 'x', []));
    expect(e.code).toBe('output_is_folder');
    expect(readdirSync(join(dir, 'reports'))).toEqual([]);
  });
});

describe('the files an output never replaces', () => {
  function workspace(): { dir: string; ledgerPath: string; configPath: string; input: string } {
    const dir = folder();
    const ws = { dir, ledgerPath: join(dir, 'tco2e-ledger.sqlite'), configPath: join(dir, 'tco2e.config.json'), input: join(dir, 'bills.csv') };
    writeFileSync(ws.ledgerPath, 'SQLite format 3\u0000 ledger bytes');
    writeFileSync(ws.configPath, '{"version":1}');
    writeFileSync(ws.input, 'MPAN,kWh\r\n1,2\r\n');
    return ws;
  }

  it('the ledger, its journal, the config and the input: refused by every name that reaches them, each left as it was', async () => {
    const ws = workspace();
    const keep = [{ path: ws.input, what: 'the file being imported' }, ...workspaceFiles(ws)];
    symlinkSync(ws.ledgerPath, join(ws.dir, 'link-to-ledger.sqlite'));
    linkSync(ws.input, join(ws.dir, 'hard-link-to-input.csv'));
    mkdirSync(join(ws.dir, 'sub'));
    const attempts: [string, string][] = [
      [ws.ledgerPath, 'the ledger'],
      [join(ws.dir, 'sub', '..', 'tco2e-ledger.sqlite'), 'the ledger'],
      [join(ws.dir, 'link-to-ledger.sqlite'), 'the ledger'],
      [`${ws.ledgerPath}-journal`, "the ledger's journal"],
      [ws.configPath, 'the workspace config'],
      [ws.input, 'the file being imported'],
      [join(ws.dir, 'hard-link-to-input.csv'), 'the file being imported'],
    ];
    const before = readdirSync(ws.dir).sort();
    for (const [path, what] of attempts) {
      expect(protectedTarget(path, keep)?.what, path).toBe(what);
      const e = await userErrorAsync(writeOutputFile(path, 'REPLACED', keep, '--rejects'));
      expect(e.code).toBe('output_would_overwrite');
      expect(e.message).toBe(`Refusing to write ${path}: it is ${what}, which tco2e never overwrites.`);
      expect(e.hint).toBe('Choose another file name for --rejects.');
    }
    expect(readFileSync(ws.ledgerPath, 'utf8')).toBe('SQLite format 3\u0000 ledger bytes');
    expect(readFileSync(ws.configPath, 'utf8')).toBe('{"version":1}');
    expect(readFileSync(ws.input, 'utf8')).toBe('MPAN,kWh\r\n1,2\r\n');
    expect(readdirSync(ws.dir).sort()).toEqual(before); // no journal made, no temporary file left
  });

  it('a file beside them is written', async () => {
    const ws = workspace();
    await writeOutputFile(join(ws.dir, 'rejects.csv'), 'ok', workspaceFiles(ws));
    expect(readFileSync(join(ws.dir, 'rejects.csv'), 'utf8')).toBe('ok');
  });
});
