import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { importIdArg, workspaceFlags } from '../../cli/flags.js';
import { openWorkspace } from '../../cli/workspace-flags.js';
import { UserError } from '../../kernel/errors.js';
import { renderTable } from '../../kernel/format.js';
import { renderSupersessions } from '../../cli/views/import-summary-view.js';
import type { StoredFuelPurchase } from '../../store/ledger.js';
import type { BatchRecord, ProblemRecord, Superseded } from '../../store/records.js';
import { formatNumber } from '../../kernel/format.js';
import { unitLabel, type UnitId } from '../../units/units.js';

export default class ImportsShow extends BaseCommand {
  static override summary = 'Show one import: its file, counts, and every rejected row and warning.';
  static override examples = ['<%= config.bin %> imports show 3', '<%= config.bin %> imports show 3 --json', '<%= config.bin %> imports show 3 --purchases'];
  static override args = { id: importIdArg() };
  static override flags = {
    ...workspaceFlags,
    purchases: Flags.boolean({ description: "List a fuel-card import's purchases one by one: the ledger sums them per vehicle, month and fuel, on the line of each month's first." }),
  };

  async run(): Promise<{ import: BatchRecord; problems: ProblemRecord[]; superseded: Superseded[]; supersededBy: (Superseded & { supersededBy: number })[]; purchases?: StoredFuelPurchase[] }> {
    const { args, flags } = await this.parse(ImportsShow);
    const { ledger } = openWorkspace(flags);
    try {
      const batch = ledger.getBatch(args.id);
      if (batch === undefined) throw new UserError('no_batch', `There is no import ${args.id}.`, 'Run `tco2e imports list` to see the imports.');
      const problems = ledger.batchProblems(args.id);
      this.log(`Import ${batch.id} (${batch.status}): ${batch.file_name}, ${batch.kind} profile ${batch.profile}, org ${batch.org}`);
      this.log(`SHA-256 ${batch.sha256}, ${batch.size_bytes} bytes, imported ${batch.imported_at} by tco2e ${batch.tool_version}, factor policy ${batch.policy}`);
      const change = statusChange(batch);
      if (change) this.log(change);
      this.log(`Rows: ${batch.rows_read} read, ${batch.rows_accepted} accepted, ${batch.rows_excluded} excluded, ${batch.rows_rejected} rejected`);
      const supersessions = ledger.batchSupersessions(args.id);
      for (const line of renderSupersessions(supersessions)) this.log(line);
      if (problems.length > 0) {
        this.log('');
        this.log(renderTable(problems, [
          { header: 'line', value: (p) => String(p.line), align: 'right' },
          { header: 'kind', value: (p) => p.severity },
          { header: 'column', value: (p) => p.column },
          { header: 'value', value: (p) => p.value },
          { header: 'reason', value: (p) => p.message },
        ]));
      }
      const purchases = flags.purchases ? ledger.batchFuelPurchases(args.id) : undefined;
      if (purchases !== undefined) {
        this.log('');
        if (purchases.length === 0) this.log('No fuel-card purchases: this import stored none.');
        else this.log(renderPurchases(purchases));
      }
      return { import: batch, problems, superseded: supersessions.by, supersededBy: supersessions.of, ...(purchases === undefined ? {} : { purchases }) };
    } finally {
      ledger.close();
    }
  }
}

/** Each purchase with the month it is summed in (the line that month's activities carry). */
function renderPurchases(purchases: readonly StoredFuelPurchase[]): string {
  return renderTable(purchases, [
    { header: 'line', value: (p) => String(p.line), align: 'right' },
    { header: 'vehicle', value: (p) => p.meter ?? '' },
    { header: 'date', value: (p) => p.day },
    { header: 'quantity', value: (p) => `${formatNumber(p.quantity, 3)} ${unitLabel(p.unit as UnitId)}`, align: 'right' },
    { header: 'product', value: (p) => String(p.extra.product ?? '') },
    { header: 'fuel', value: (p) => p.factorKey },
    { header: 'summed on line', value: (p) => String(p.monthLine), align: 'right' },
    { header: 'counts', value: (p) => (p.supersededBy === null ? 'yes' : `no: brought again by import ${p.supersededBy}`) },
  ]);
}

/** When and why the import stopped counting, as the audit trail has it. */
function statusChange(b: BatchRecord): string | null {
  if (b.status === 'active') return null;
  const when = b.status_changed_at === null ? 'at a time not recorded (ledgers before schema 2 did not keep it)' : `at ${b.status_changed_at}`;
  const what = b.status === 'superseded' ? `Superseded by import ${b.superseded_by ?? '?'}` : 'Undone';
  return `${what} ${when}${b.status_reason ? `: ${b.status_reason}` : ''}`;
}
