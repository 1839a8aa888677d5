import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { workspaceFlags } from '../../cli/flags.js';
import { checkInput, INPUT } from '../../cli/input-files.js';
import { detectionText } from '../../cli/views/detect-view.js';
import { findWorkspace, profilesFor } from '../../cli/workspace-flags.js';
import { detectLayout, IMPORT_KINDS, type LayoutDetection } from '../../import/detect-layout.js';
import type { ImportKind } from '../../import/request.js';
import { UserError } from '../../kernel/errors.js';
import { savedProfile } from '../../map/saved-profile.js';
import { saveProfile } from '../../workspace/save-profile.js';

export default class ProfilesDetect extends BaseCommand {
  static override summary = 'Show what tco2e makes of a file: its layout, and which column it takes for what and why.';
  static override description = 'Reads the header and a few rows, stores nothing. For a file no layout fits, names the nearest layouts and what each still lacks. With --save-profile, writes the layout as found into the workspace config, so the next file from the same system loads by its own column names.';
  static override examples = [
    '<%= config.bin %> profiles detect amr-export.csv',
    '<%= config.bin %> profiles detect fuel-card-may.csv --kind fleet --json',
    '<%= config.bin %> profiles detect school-amr.csv --save-profile school-amr',
  ];
  static override args = { file: Args.string({ description: 'The CSV file as received.', required: true }) };
  static override flags = {
    ...workspaceFlags,
    kind: Flags.string({ options: [...IMPORT_KINDS], description: 'Only this kind of import (default: every kind).' }),
    'save-profile': Flags.string({ description: 'Save the layout found as a profile with this id in the workspace config.' }),
  };

  async run(): Promise<LayoutDetection & { saved?: string }> {
    const { args, flags } = await this.parse(ProfilesDetect);
    checkInput(args.file, INPUT.detect);
    const profiles = profilesFor(flags);
    const kinds = flags.kind === undefined ? IMPORT_KINDS : [flags.kind as ImportKind];
    const d = await detectLayout(args.file, profiles, kinds);
    this.log(detectionText(d));
    const id = flags['save-profile'];
    if (id === undefined) return d;
    const chosen = d.kinds.filter((k) => k.chosen !== null);
    if (chosen.length !== 1) {
      throw new UserError('nothing_to_save', chosen.length === 0 ? `${d.file}: no layout fits it, so there is nothing to save.` : `${d.file} fits layouts of several kinds (${chosen.map((k) => k.kind).join(', ')}).`, chosen.length === 0 ? 'Describe its layout as a profile in the workspace config (see `tco2e profiles show ID` for one to start from).' : 'Say which with --kind.');
    }
    const c = chosen[0]!.chosen!;
    const base = profiles.find((p) => p.id === c.profile)!;
    const ws = findWorkspace(flags);
    saveProfile(ws.configPath, savedProfile(base, id, c.columns, { file: d.file, headerLine: d.headerLine, date: new Date().toISOString().slice(0, 10) }));
    this.log(`\nSaved as profile "${id}" in ${ws.configPath}: \`tco2e import ${chosen[0]!.kind} FILE --profile ${id}\` uses it (it is also tried for every file by its column names).`);
    return { ...d, saved: id };
  }
}
