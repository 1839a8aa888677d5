import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { workspaceFlags } from '../../cli/flags.js';
import { openWorkspace } from '../../cli/workspace-flags.js';
import { formatNumber, renderTable } from '../../kernel/format.js';
import type { BatchRecord } from '../../store/records.js';
import { damagedLedger } from '../../store/sqlite-errors.js';

export default class ImportsList extends BaseCommand {
  static override summary = 'List every import in the ledger, newest last.';
  static override examples = ['<%= config.bin %> imports list', '<%= config.bin %> imports list --json', '<%= config.bin %> imports list --verify'];
  static override flags = {
    ...workspaceFlags,
    verify: Flags.boolean({ description: 'Check the whole ledger for damage first (as `tco2e check` does; slower on a large ledger): a damaged one is an error, exit code 2.' }),
  };

  async run(): Promise<{ imports: BatchRecord[]; verified?: true }> {
    const { flags } = await this.parse(ImportsList);
    const { ledger } = openWorkspace(flags);
    try {
      const problems = flags.verify ? ledger.integrityProblems() : [];
      if (problems.length > 0) throw damagedLedger(ledger.path, problems);
      const imports = ledger.listBatches();
      if (imports.length === 0) this.log('No imports yet. Load a file with `tco2e import energy FILE --org ORG`.');
      else {
        this.log(renderTable(imports, [
          { header: 'id', value: (b) => String(b.id), align: 'right' },
          { header: 'status', value: (b) => b.status + (b.superseded_by ? ` by ${b.superseded_by}` : '') + (b.status_changed_at ? ` ${b.status_changed_at.slice(0, 10)}` : ''), fixed: true },
          { header: 'org', value: (b) => b.org, fixed: true },
          { header: 'kind', value: (b) => b.kind },
          { header: 'file', value: (b) => b.file_name },
          { header: 'period', value: (b) => (b.period_start ? `${b.period_start} – ${b.period_end ?? ''}` : ''), fixed: true },
          { header: 'accepted', value: (b) => formatNumber(b.rows_accepted), align: 'right' },
          { header: 'rejected', value: (b) => formatNumber(b.rows_rejected), align: 'right' },
          { header: 'imported', value: (b) => b.imported_at.slice(0, 16).replace('T', ' '), fixed: true },
        ]));
      }
      return flags.verify ? { imports, verified: true } : { imports };
    } finally {
      ledger.close();
    }
  }
}
