import { Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { newOrgFlag, workspaceFlagsFor } from '../cli/flags.js';
import { configPathFor, ENV_DB, ledgerLocation } from '../workspace/config.js';
import { initWorkspace, type InitResult } from '../workspace/init.js';
import { assertOutputTarget } from '../render/output-file.js';

export default class Init extends BaseCommand {
  static override summary = 'Create a workspace: a config naming your organisation, and an empty ledger.';
  static override description = 'Writes tco2e.config.json (organisations, sites, size denominators by year, custom profiles) and creates the ledger beside it. Neither is ever overwritten. Add sites, meters and denominators by editing the config.';
  static override examples = [
    '<%= config.bin %> init --org north-acute --name "North Acute Hospitals NHS Trust" --kind nhs-trust',
    '<%= config.bin %> init --org riverside --name "Riverside Council" --kind council --db /shared/carbon/ledger.sqlite',
  ];

  static override flags = {
    org: newOrgFlag(),
    name: Flags.string({ description: 'Organisation name as it should appear in reports.', required: true }),
    kind: Flags.option({ options: ['nhs-trust', 'council', 'ics', 'other'] as const, default: 'nhs-trust' as const, description: 'What sort of organisation it is.' })(),
    ...workspaceFlagsFor('create'),
  };

  async run(): Promise<InitResult> {
    const { flags } = await this.parse(Init);
    const configPath = configPathFor({ cwd: process.cwd(), env: process.env, configFlag: flags.config });
    const db = flags.db ?? (process.env[ENV_DB] || undefined);
    // The config's folder must be there before the ledger is made, so a mistyped --config leaves no ledger behind.
    assertOutputTarget(configPath, [], { flag: '--config' });
    const result = initWorkspace({
      configPath,
      ...(db === undefined ? {} : { ledgerPath: ledgerLocation(process.cwd(), db) }),
      org: { id: flags.org, name: flags.name, kind: flags.kind },
    });
    this.log(`Created ${result.configPath}\nCreated the ledger ${result.ledgerPath}\nNext: add your sites and meters to the config, then import a file with \`tco2e import energy FILE --org ${flags.org}\`.`);
    return result;
  }
}
