/**
 * Benchmarks (`npm run bench`; `npm run bench -- 1000000,2000000,5000000,10000000` for the
 * scaling of interval imports).
 * They measure the compiled code in dist/ (what the CLI runs), not the TypeScript through tsx.
 * Prints Markdown for BENCHMARKS.md with the machine and the command, so figures can be reproduced.
 */
import { cpus, totalmem } from 'node:os';
import { benchConvert } from './convert.js';
import { benchBoard } from './board.js';
import { benchImport, once } from './import.js';
import { benchStartup } from './startup.js';

const sizes = (process.argv[2] ?? '1000000').split(',').map(Number);
const sections = [benchConvert(), await benchImport(sizes), benchBoard(once), benchStartup()];
const cpu = cpus()[0]?.model ?? 'unknown CPU';
process.stdout.write(
  `Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n` +
    `Command: npm run bench${process.argv[2] ? ` -- ${process.argv[2]}` : ''}\n\n${sections.join('\n\n')}\n`,
);
