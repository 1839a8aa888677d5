/**
 * The flags several commands share are declared once, in src/cli/flags.ts, and stay that way:
 * `--policy` is parsed where the command line is read, and no command declares `--org`,
 * `--period`, `--policy` and the rest again with its own wording.
 */

import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from '@oclif/core';
import { describe, expect, it } from 'vitest';
import { grantOrgFlag, newOrgFlag, orgDescription, orgFlag, orgsFlag, policyFlag, recomputePolicyFlag } from '../../src/cli/flags.js';
import type { FactorPolicy } from '../../src/convert/policy.js';
import { msg } from '../../src/messages.js';
import { ROOT, userErrorAsync } from '../helpers.js';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : path.endsWith('.ts') ? [path] : [];
  });
}

interface DeclaredFlag {
  readonly description?: string;
  readonly required?: boolean;
  readonly parse?: unknown;
}

/** Every command under src/commands, by its id (`export lines`), with its flags. */
async function commands(): Promise<Map<string, Record<string, DeclaredFlag>>> {
  const dir = join(ROOT, 'src', 'commands');
  const found = new Map<string, Record<string, DeclaredFlag>>();
  for (const file of walk(dir)) {
    const mod = (await import(pathToFileURL(file).href)) as { default: typeof Command };
    const id = relative(dir, file).replace(/\.ts$/, '').split(/[\\/]/).join(' ');
    found.set(id, mod.default.flags);
  }
  return found;
}

/** What the policy flag's parser gives for a value, as oclif calls it. */
async function parsePolicyFlag(input: string): Promise<FactorPolicy | undefined> {
  const flag = policyFlag();
  return flag.parse(input, {} as never, flag);
}

describe('--policy, parsed where the command line is read', () => {
  it('gives the policy for each form', async () => {
    expect(await parsePolicyFlag('financial-year')).toEqual({ kind: 'financial-year' });
    expect(await parsePolicyFlag('calendar-year')).toEqual({ kind: 'calendar-year' });
    expect(await parsePolicyFlag('fixed:2019')).toEqual({ kind: 'fixed', year: 2019 });
  });

  it('refuses a year that is not one, or anything else, with parsePolicy\'s message and hint', async () => {
    for (const bad of ['fixed:19xx', 'fixed:19', 'latest', '']) {
      const e = await userErrorAsync(parsePolicyFlag(bad));
      expect(e.code).toBe('bad_policy');
      expect(e.message).toBe(msg.badPolicy(bad));
      expect(e.hint).toBe(msg.badPolicyHint);
    }
  });

  it('on the command line, a bad policy is a usage error: exit code 2, the message as written, no stack', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/run.js'), 'convert', '--activity', 'electricity.grid', '--quantity', '1', '--unit', 'kWh', '--date', '2023-06-01', ...args], { encoding: 'utf8', cwd: ROOT });
    const text = run('--policy', 'fixed:19xx');
    expect(text.status).toBe(2);
    expect(text.stderr).toBe(`Error: ${msg.badPolicy('fixed:19xx')}\nWhat to do: ${msg.badPolicyHint}\n`);
    const json = run('--policy', 'latest', '--json');
    expect(json.status).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({ error: { code: 'bad_policy', message: msg.badPolicy('latest'), hint: msg.badPolicyHint, details: null } });
  });
});

describe('shared flags are declared once', () => {
  const SHARED = ['org', 'orgs', 'period', 'policy', 'factors', 'config', 'db', 'calendar', 'out'] as const;

  it('no file of src/ but src/cli/flags.ts declares one of them with Flags.*', () => {
    const declaration = new RegExp(`^\\s*['"]?(${SHARED.join('|')})['"]?\\s*:\\s*Flags\\.`, 'm');
    const offenders = walk(join(ROOT, 'src'))
      .filter((f) => relative(ROOT, f) !== join('src', 'cli', 'flags.ts'))
      .filter((f) => declaration.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f));
    // `demo --out` is a folder, not a file to write: a flag of its own.
    expect(offenders).toEqual([join('src', 'commands', 'demo.ts')]);
  });

  it('every --org is the shared one: its description is one orgFlag gives, required exactly when it has no default', async () => {
    const shared = new Set<string>([newOrgFlag().description!, grantOrgFlag().description!]);
    for (const ics of [undefined, 'sums', 'members-lines', 'refused'] as const) {
      for (const fallback of [undefined, 'first', 'every'] as const) shared.add(orgDescription({ ...(ics ? { ics } : {}), fallback }));
    }
    const withOrg = [...(await commands())].filter(([, flags]) => flags.org !== undefined);
    expect(withOrg.length).toBeGreaterThanOrEqual(8);
    for (const [id, flags] of withOrg) {
      expect(shared, `${id} --org`).toContain(flags.org!.description);
      expect(flags.org!.required === true, `${id} --org required`).toBe(!flags.org!.description!.includes('Default:'));
    }
    expect(orgFlag().required).toBe(true);
    expect(orgFlag({ fallback: 'first' }).required).not.toBe(true);
  });

  it('every --policy and --orgs is parsed by the shared parser', async () => {
    const all = [...(await commands())];
    const policyParse = policyFlag().parse;
    expect(recomputePolicyFlag().parse).toBe(policyParse);
    const withPolicy = all.filter(([, f]) => f.policy !== undefined);
    expect(withPolicy.map(([id]) => id).sort()).toEqual(['convert', 'emissions', 'import clinical', 'import energy', 'import eric', 'import fleet', 'import journeys', 'travel']);
    for (const [id, f] of withPolicy) expect(f.policy!.parse, `${id} --policy`).toBe(policyParse);
    const withOrgs = all.filter(([, f]) => f.orgs !== undefined);
    expect(withOrgs.map(([id]) => id).sort()).toEqual(['compare', 'report compare']);
    for (const [id, f] of withOrgs) expect(f.orgs!.parse, `${id} --orgs`).toBe(orgsFlag().parse);
  });

  it('--orgs gives the trimmed ids, without empty ones', async () => {
    const flag = orgsFlag();
    expect(await flag.parse(' north-acute, riverside-council ,,', {} as never, flag)).toEqual(['north-acute', 'riverside-council']);
  });
});
