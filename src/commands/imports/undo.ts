import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { importIdArg, workspaceFlags } from '../../cli/flags.js';
import { openWorkspace } from '../../cli/workspace-flags.js';
import type { BatchRecord } from '../../store/records.js';

export default class ImportsUndo extends BaseCommand {
  static override summary = 'Undo an import: its rows stop counting but stay visible in the history.';
  static override examples = ['<%= config.bin %> imports undo 3', '<%= config.bin %> imports undo 3 --reason "sent the 2023 file by mistake"'];
  static override args = { id: importIdArg() };
  static override flags = {
    ...workspaceFlags,
    reason: Flags.string({ description: 'Why it is undone, kept with the import for the audit trail (shown by `imports show`).' }),
  };

  async run(): Promise<{ import: BatchRecord }> {
    const { args, flags } = await this.parse(ImportsUndo);
    // An undo writes: the ledger is checked for damage first, and a damaged one is left as it is.
    const { ledger } = openWorkspace(flags, { forWrite: true });
    try {
      ledger.undoBatch(args.id, { at: new Date().toISOString(), reason: flags.reason?.trim() || undefined });
      const batch = ledger.getBatch(args.id)!;
      this.log(`Import ${batch.id} (${batch.file_name}) is undone; its ${batch.rows_accepted} rows no longer count. Re-import the file to restore it.`);
      return { import: batch };
    } finally {
      ledger.close();
    }
  }
}
