import { BaseCommand } from '../../cli/base-command.js';
import { workspaceFlags } from '../../cli/flags.js';
import { openWorkspace } from '../../cli/workspace-flags.js';
import { formatNumber, renderTable } from '../../kernel/format.js';
import type { BatchRecord } from '../../store/records.js';

export default class ImportsList extends BaseCommand {
  static override summary = 'List every import in the ledger, newest last.';
  static override examples = ['<%= config.bin %> imports list', '<%= config.bin %> imports list --json'];
  static override flags = { ...workspaceFlags };

  async run(): Promise<{ imports: BatchRecord[] }> {
    const { flags } = await this.parse(ImportsList);
    const { ledger } = openWorkspace(flags);
    try {
      const imports = ledger.listBatches();
      if (imports.length === 0) this.log('No imports yet. Load a file with `tco2e import energy FILE --org ORG`.');
      else {
        this.log(renderTable(imports, [
          { header: 'id', value: (b) => String(b.id), align: 'right' },
          { header: 'status', value: (b) => b.status + (b.superseded_by ? ` by ${b.superseded_by}` : '') + (b.status_changed_at ? ` ${b.status_changed_at.slice(0, 10)}` : '') },
          { header: 'org', value: (b) => b.org },
          { header: 'kind', value: (b) => b.kind },
          { header: 'file', value: (b) => b.file_name },
          { header: 'period', value: (b) => (b.period_start ? `${b.period_start} – ${b.period_end ?? ''}` : '') },
          { header: 'accepted', value: (b) => formatNumber(b.rows_accepted), align: 'right' },
          { header: 'rejected', value: (b) => formatNumber(b.rows_rejected), align: 'right' },
          { header: 'imported', value: (b) => b.imported_at.slice(0, 16).replace('T', ' ') },
        ]));
      }
      return { imports };
    } finally {
      ledger.close();
    }
  }
}
