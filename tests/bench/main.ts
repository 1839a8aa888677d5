/**
 * Benchmarks (`npm run bench`; `npm run bench -- 1000000,2000000,5000000,10000000` for the
 * scaling of interval imports; `npm run bench -- --only=scale` for some sections only, named
 * convert, import, board, startup, scale, detect, la-ghg, pg; `npm run bench -- --only=pg 10000000`
 * for issue 18's figures: 10M readings into a server and into a file, and the board report from a server).
 * They measure the compiled code in dist/ (what the CLI runs), not the TypeScript through tsx.
 * Prints Markdown for BENCHMARKS.md with the machine and the command, so figures can be reproduced.
 */
import { cpus, totalmem } from 'node:os';
import { benchConvert } from './convert.js';
import { benchDetect } from './detect.js';
import { benchBoard } from './board.js';
import { benchImport, once } from './import.js';
import { benchLaGhg } from './la-ghg.js';
import { benchPg } from './pg.js';
import { benchScale } from './scale.js';
import { benchStartup } from './startup.js';

const args = process.argv.slice(2);
const sizes = (args.find((a) => !a.startsWith('--')) ?? '1000000').split(',').map(Number);
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const all: Record<string, () => Promise<string> | string> = {
  convert: () => benchConvert(),
  import: () => benchImport(sizes),
  board: () => benchBoard(once),
  startup: () => benchStartup(),
  scale: () => benchScale(once),
  detect: () => benchDetect(),
  'la-ghg': () => benchLaGhg(),
  pg: () => benchPg(once, Math.max(...sizes)),
};
const unknown = (only ?? []).filter((name) => !(name in all));
if (unknown.length > 0) throw new Error(`no benchmark section ${unknown.join(', ')}; the sections are ${Object.keys(all).join(', ')}`);
const sections: string[] = [];
for (const [name, bench] of Object.entries(all)) if (only === undefined || only.includes(name)) sections.push(await bench());
const cpu = cpus()[0]?.model ?? 'unknown CPU';
process.stdout.write(
  `Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n` +
    `Command: npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}\n\n${sections.join('\n\n')}\n`,
);
process.stdout.write(`\n${await (await import('./fleet.js')).benchFleet()}\n`);
