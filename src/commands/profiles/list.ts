import { BaseCommand } from '../../cli/base-command.js';
import { workspaceFlags } from '../../cli/flags.js';
import { profilesFor } from '../../cli/workspace-flags.js';
import type { Profile } from '../../map/profiles.js';
import { renderTable } from '../../kernel/format.js';

export default class ProfilesList extends BaseCommand {
  static override summary = 'List the file layouts (profiles) tco2e can import: built-in and your own.';
  static override examples = ['<%= config.bin %> profiles list', '<%= config.bin %> profiles list --json'];
  static override flags = { ...workspaceFlags };

  async run(): Promise<{ profiles: Profile[] }> {
    const { flags } = await this.parse(ProfilesList);
    const profiles = profilesFor(flags);
    this.log(renderTable(profiles, [
      { header: 'id', value: (p) => p.id },
      { header: 'kind', value: (p) => p.kind },
      { header: 'description', value: (p) => p.description },
    ]));
    return { profiles };
  }
}
