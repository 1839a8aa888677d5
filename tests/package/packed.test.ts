/**
 * The package as a user gets it: `npm pack`, installed into a new project that type-checks its
 * dependencies (skipLibCheck off) under the strictest common settings, running the README's
 * library example. The public declarations must compile there with nothing but tco2e's own
 * dependencies installed: a type from a devDependency (such as @types/better-sqlite3) in a
 * published .d.ts breaks every such project.
 *
 * The example is read from the README, and each of its lines of the form `expression; // number`
 * is checked to print that number, so the README and this test cannot drift apart.
 */

import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The repository's own TypeScript compiler, so the test installs none. */
const TSC = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
/** Packing and installing fetch from the npm cache when they can; the first run may download. */
const SETUP_TIMEOUT_MS = 180_000;

interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to its end; never throws, so a failure shows its output in the assertion. */
function run(command: string, args: readonly string[], cwd: string): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, maxBuffer: 64 * 1024 * 1024, shell: process.platform === 'win32' }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout: stdout.trim(), stderr: stderr.trim() });
    });
  });
}

function mustRun(ran: Ran, what: string): void {
  if (ran.code !== 0) throw new Error(`${what} failed (exit ${ran.code}):\n${ran.stdout}\n${ran.stderr}`);
}

interface Example {
  /** The program: the README's block, with each checked line turned into a print. */
  readonly source: string;
  /** What each print must show, in order: the number in the line's comment, to its decimals. */
  readonly expected: readonly { readonly expression: string; readonly value: number; readonly decimals: number }[];
}

/** The first ```ts block of the README's "## Library" section. */
function readmeExample(readme: string): Example {
  const section = /^## Library\s*$([\s\S]*?)(?=^## )/m.exec(readme)?.[1];
  if (section === undefined) throw new Error('README.md has no "## Library" section');
  const block = /^```ts\s*$([\s\S]*?)^```\s*$/m.exec(section)?.[1];
  if (block === undefined) throw new Error('the "## Library" section of README.md has no ```ts block');
  const expected: { expression: string; value: number; decimals: number }[] = [];
  const lines = block.split('\n').map((line) => {
    const m = /^(\s*)([^;]+);\s*\/\/\s*(-?[\d_,]*(?:\.(\d+))?)\s*$/.exec(line);
    if (!m || !/\d/.test(m[3]!)) return line;
    const expression = m[2]!.trim();
    expected.push({ expression, value: Number(m[3]!.replace(/[_,]/g, '')), decimals: m[4]?.length ?? 0 });
    return `${m[1]!}console.log(JSON.stringify(${expression}));`;
  });
  return { source: lines.join('\n'), expected };
}

/** A consumer's settings: strict, with every option that makes declarations harder to satisfy. */
const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    verbatimModuleSyntax: true,
    skipLibCheck: false,
    outDir: 'out',
  },
  files: ['main.ts'],
};

describe('the packed package', () => {
  let work: string;
  let project: string;
  let example: Example;
  let compiled: Promise<Ran> | undefined;
  /** tsc emits even when it reports errors, so running the example does not wait on a clean compile. */
  const compile = (): Promise<Ran> => (compiled ??= run(process.execPath, [TSC, '-p', 'tsconfig.json'], project));

  beforeAll(async () => {
    example = readmeExample(readFileSync(join(ROOT, 'README.md'), 'utf8'));
    // `npm test` builds dist/ before the tests run; building here too would rewrite dist/ under
    // the other test files. Only a tree never built is built, so the test can run on its own.
    if (!existsSync(join(ROOT, 'dist', 'index.d.ts')) || !existsSync(join(ROOT, 'oclif.manifest.json'))) {
      mustRun(await run('npm', ['run', 'build', '--silent'], ROOT), 'npm run build');
    }
    work = mkdtempSync(join(tmpdir(), 'tco2e-packed-'));
    // --ignore-scripts: `prepare` would build again, rewriting dist/ while other tests read it.
    mustRun(await run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], ROOT), 'npm pack');
    const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
    if (tarball === undefined) throw new Error(`npm pack left no tarball in ${work}`);

    project = join(work, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'tco2e-consumer', version: '0.0.0', private: true, type: 'module' }, null, 2)}\n`);
    writeFileSync(join(project, 'tsconfig.json'), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
    writeFileSync(join(project, 'main.ts'), example.source);
    // --ignore-scripts: better-sqlite3 would compile its native addon (over a minute); the
    // example never opens a ledger, and better-sqlite3 loads its addon only when one is opened.
    mustRun(
      await run('npm', ['install', join(work, tarball), '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], project),
      'npm install of the packed tarball',
    );
  }, SETUP_TIMEOUT_MS);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('has a library example in the README with figures to check', () => {
    expect(example.source).toContain("from 'tco2e'");
    expect(example.expected.length).toBeGreaterThan(0);
  });

  it('compiles in a strict project that checks its dependencies’ declarations', async () => {
    const tsc = await compile();
    expect(`${tsc.stdout}${tsc.stderr}`).toBe('');
    expect(tsc.code).toBe(0);
  }, 120_000);

  it('prints the figures the README shows', async () => {
    await compile();
    const node = await run(process.execPath, [join('out', 'main.js')], project);
    expect(node.code, node.stderr).toBe(0);
    const printed = node.stdout.split('\n').map((line) => JSON.parse(line) as unknown);
    expect(printed).toHaveLength(example.expected.length);
    example.expected.forEach(({ expression, value, decimals }, i) => {
      expect(printed[i], expression).toBeTypeOf('number');
      // Right to the digits the README shows: 1838.5 stands for 1838.5000000000002.
      expect(printed[i] as number, expression).toBeCloseTo(value, decimals);
    });
  }, 60_000);
});
