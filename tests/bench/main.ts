/**
 * Benchmarks (`npm run bench`). Prints a Markdown section for BENCHMARKS.md with the machine and
 * the command, so the figures can be reproduced.
 */
import { cpus, totalmem } from 'node:os';
import { benchConvert } from './convert.js';

const sections = [benchConvert()];
const cpu = cpus()[0]?.model ?? 'unknown CPU';
process.stdout.write(
  `Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n` +
    `Command: npm run bench\n\n${sections.join('\n\n')}\n`,
);
