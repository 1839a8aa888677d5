import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { assertOutputTarget, workspaceFiles, writeOutputFile } from '../../render/output-file.js';
import { orgFlag, outFlag, periodFlag, workspaceFlags } from '../../cli/flags.js';
import { analysisContext, openWorkspace } from '../../cli/workspace-flags.js';
import { SCOPE3_CHOICES, type Scope3Choice } from '../../export/secr/classify.js';
import { secrCsv } from '../../export/secr/csv.js';
import { secrDisclosure, type SecrDisclosure } from '../../export/secr/disclosure.js';
import { secrHtml } from '../../export/secr/html.js';
import { secrMarkdown } from '../../export/secr/markdown.js';
import { CONTROL_APPROACHES, type ControlApproach } from '../../export/secr/secr-text.js';

export default class ExportSecr extends BaseCommand {
  static override summary = 'The Streamlined Energy and Carbon Reporting (SECR) disclosure for a financial year, with the previous year beside it.';
  static override description = 'UK energy use in kWh, Scope 1, 2 and chosen Scope 3 emissions, intensity ratios, the methodology and data quality, as Markdown, an HTML fragment or CSV. Needs a floor area or staff WTE for the year in the config.';
  static override examples = [
    '<%= config.bin %> export secr --org north-acute --period 2024/25',
    '<%= config.bin %> export secr --org north-acute --period 2024/25 --format html --out secr-2024-25.html',
    '<%= config.bin %> export secr --org riverside-council --period 2024/25 --scope3 all --control financial --format csv',
  ];
  static override flags = {
    ...workspaceFlags,
    org: orgFlag({ ics: 'sums', fallback: 'first' }),
    period: periodFlag({ is: 'financial-year' }),
    format: Flags.string({ char: 'f', options: ['markdown', 'html', 'csv'], default: 'markdown', description: 'markdown: for a report draft; html: a fragment for a page; csv: one row per figure.' }),
    scope3: Flags.string({ options: [...SCOPE3_CHOICES], default: 'grey-fleet', description: 'Scope 3 reported: grey-fleet (business mileage in own or hired vehicles), all (adds T&D losses and well-to-tank), none.' }),
    control: Flags.string({ options: [...CONTROL_APPROACHES], default: 'operational', description: 'The organisational boundary the methodology states: operational or financial control.' }),
    out: outFlag(),
  };

  async run(): Promise<SecrDisclosure> {
    const { flags } = await this.parse(ExportSecr);
    const { workspace, ledger } = openWorkspace(flags);
    try {
      if (flags.out !== undefined) assertOutputTarget(flags.out, workspaceFiles(workspace)); // before the work, not after it
      const d = secrDisclosure(analysisContext(workspace, ledger), {
        org: flags.org ?? workspace.config.organisations[0]!.id,
        period: flags.period,
        scope3: flags.scope3 as Scope3Choice,
        control: flags.control as ControlApproach,
      });
      if (this.jsonEnabled()) return d;
      const text = flags.format === 'html' ? secrHtml(d) : flags.format === 'csv' ? secrCsv(d) : secrMarkdown(d);
      if (flags.out === undefined) this.log(text.replace(/\r?\n$/, ''));
      else await writeOutputFile(flags.out, text, workspaceFiles(workspace), '--out', { makeFolders: false });
      return d;
    } finally {
      ledger.close();
    }
  }
}
