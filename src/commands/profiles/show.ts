import { Args } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { workspaceFlags } from '../../cli/flags.js';
import { profilesFor } from '../../cli/workspace-flags.js';
import { UserError } from '../../kernel/errors.js';
import type { Profile } from '../../map/profiles.js';

export default class ProfilesShow extends BaseCommand {
  static override summary = 'Show one profile: which header names it looks for, formats and units.';
  static override examples = ['<%= config.bin %> profiles show energy-bill'];
  static override args = { id: Args.string({ description: 'Profile id.', required: true }) };
  static override flags = { ...workspaceFlags };

  async run(): Promise<Profile> {
    const { args, flags } = await this.parse(ProfilesShow);
    const profiles = profilesFor(flags);
    const p = profiles.find((x) => x.id === args.id);
    if (p === undefined) throw new UserError('unknown_profile', `No profile "${args.id}".`, `Use one of: ${profiles.map((x) => x.id).join(', ')}.`);
    this.log(`${p.id} (${p.kind}, ${p.shape}): ${p.description}`);
    for (const [field, names] of Object.entries(p.columns as Record<string, readonly string[] | undefined>)) {
      if (names) this.log(`  ${field.padEnd(12)} ${names.map((n) => `"${n}"`).join(', ')}`);
    }
    this.log(`  decimal mark ${p.decimal}${p.dateFormat ? `, dates ${p.dateFormat}` : ', dates recognised (ambiguous ones are errors)'}`);
    return p;
  }
}
