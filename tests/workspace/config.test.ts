import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkspace, parseConfig } from '../../src/workspace/config.js';
import { initWorkspace } from '../../src/workspace/init.js';
import { userError } from '../helpers.js';


describe('workspace config', () => {
  it('names the file, the path inside it and what is allowed for every problem', () => {
    const text = JSON.stringify({
      version: 1,
      organisations: [
        { id: 'North Acute', name: 'North', kind: 'hospital', denominators: [{ year: '2024', floorAreaM2: -5 }] },
        { id: 'riverside', name: 'Riverside', kind: 'council', colour: 'red' },
      ],
    });
    const e = userError(() => parseConfig(text, 'tco2e.config.json'));
    expect(e.code).toBe('config_invalid');
    expect(e.message).toContain('tco2e.config.json: organisations.0.id: must be lower-case letters, digits and dashes');
    expect(e.message).toContain('tco2e.config.json: organisations.0.kind:');
    expect(e.message).toMatch(/organisations\.0\.kind: .*nhs-trust/);
    expect(e.message).toContain('organisations.0.denominators.0.year: must be a financial year written like 2024/25');
    expect(e.message).toContain('organisations.0.denominators.0.floorAreaM2: must be greater than zero');
    expect(e.message).toMatch(/organisations\.1: .*colour/);
  });

  it('refuses duplicate organisation ids and invalid JSON', () => {
    const dup = JSON.stringify({ version: 1, organisations: [{ id: 'a', name: 'A', kind: 'council' }, { id: 'a', name: 'B', kind: 'council' }] });
    expect(userError(() => parseConfig(dup, 'c.json')).message).toContain('organisations.1.id: "a" is used by another organisation');
    expect(userError(() => parseConfig('{"version": 1,', 'c.json')).code).toBe('config_not_json');
  });

  it('init writes a config and ledger, never overwrites, and the ledger path follows --db, then TCO2E_DB, then the config', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tco2e-ws-'));
    const configPath = join(dir, 'tco2e.config.json');
    const r = initWorkspace({ configPath, org: { id: 'north-acute', name: 'North Acute', kind: 'nhs-trust' } });
    expect(r.ledgerPath).toBe(join(dir, 'tco2e-ledger.sqlite'));
    expect(userError(() => initWorkspace({ configPath, org: { id: 'x', name: 'X', kind: 'council' } })).code).toBe('workspace_exists');
    expect(loadWorkspace({ cwd: dir, env: {} }).ledgerPath).toBe(join(dir, 'tco2e-ledger.sqlite'));
    expect(loadWorkspace({ cwd: dir, env: { TCO2E_DB: '/x/env.sqlite' } }).ledgerPath).toBe('/x/env.sqlite');
    expect(loadWorkspace({ cwd: dir, env: { TCO2E_DB: '/x/env.sqlite' }, dbFlag: 'flag.sqlite' }).ledgerPath).toBe(join(dir, 'flag.sqlite'));
    expect(userError(() => loadWorkspace({ cwd: join(dir, '..'), env: {} })).code).toBe('no_workspace');
    writeFileSync(join(dir, 'other.json'), '{}');
    expect(userError(() => loadWorkspace({ cwd: dir, env: {}, configFlag: 'other.json' })).code).toBe('config_invalid');
  });
});
