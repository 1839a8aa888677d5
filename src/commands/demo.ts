import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { runDemo, type DemoResult } from '../demo/run-demo.js';
import { loadFactors } from '../factors/library.js';
import { renderDemoSummary } from '../cli/views/demo-view.js';

const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export default class Demo extends BaseCommand {
  static override summary = 'Load the sample dataset (a fictional ICS) into a fresh workspace and write its board and comparison reports.';
  static override description = 'Everything in the sample dataset is invented. The workspace is left in reports/demo-workspace so you can try other commands on it; it is replaced on the next run.';
  static override examples = ['<%= config.bin %> demo', '<%= config.bin %> demo --out my-reports'];
  static override flags = {
    out: Flags.string({ description: 'Folder for the reports and the demo workspace.', default: 'reports' }),
  };

  async run(): Promise<DemoResult> {
    const { flags } = await this.parse(Demo);
    const out = resolve(flags.out);
    const result = await runDemo({
      samplesDir: join(PACKAGE_ROOT, 'data/samples/ics'),
      outDir: out,
      library: loadFactors(),
      now: new Date(),
      toolVersion: this.config.version,
      onImport: (done, i, n) => {
        if (!this.jsonEnabled()) this.logToStderr(`[${i + 1}/${n}] ${done.entry.org}: ${done.entry.file} — ${done.summary.status}`);
      },
    });
    if (!this.jsonEnabled()) this.log(renderDemoSummary(result, (p) => relative(process.cwd(), p) || '.'));
    return result;
  }
}
