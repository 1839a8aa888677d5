/**
 * What the three `import` commands share: their flags, building the request from the workspace,
 * the progress counter, the rejects file, the summary, and the exit code (1 when refused).
 */

import { Args, Flags } from '@oclif/core';
import { DEFAULT_POLICY, type FactorPolicy } from '../convert/policy.js';
import type { ImportKind, ImportRequest } from '../import/request.js';
import { rejectsCsv } from '../import/rejects.js';
import type { ImportSummary } from '../import/summary.js';
import { allProfiles, type Profile } from '../map/profiles.js';
import { detectLayout, type LayoutDetection } from '../import/detect-layout.js';
import { renderImportSummary } from './views/import-summary-view.js';
import { detectionText } from './views/detect-view.js';
import { outputTargetProblem, protectedTarget, workspaceFiles, writeOutputFile, type ProtectedFile } from '../render/output-file.js';
import { UserError } from '../kernel/errors.js';
import { msg } from '../messages.js';
import type { Ledger } from '../store/ledger.js';
import { organisation } from '../workspace/config.js';
import type { BaseCommand } from './base-command.js';
import { progress } from './progress-bar.js';
import { factorsFlag, orgFlag, policyFlag, workspaceFlags } from './flags.js';
import { checkInput, factorLibrary, INPUT } from './input-files.js';
import { findWorkspace, openLedger } from './workspace-flags.js';

export const importArgs = { file: Args.string({ description: 'The CSV file as received.', required: true }) };

export const importFlags = {
  ...workspaceFlags,
  org: orgFlag(),
  profile: Flags.string({ description: 'Profile id (see `tco2e profiles list`); detected from the header when omitted.' }),
  'dry-run': Flags.boolean({ description: 'Check and convert everything, store nothing.' }),
  strict: Flags.boolean({ description: 'Refuse the whole file if any row is rejected.' }),
  rejects: Flags.string({ description: 'Write the rejected rows, with line numbers and reasons, to this CSV.' }),
  explain: Flags.boolean({ description: 'Say what the file was taken for, column by column and why, before the summary (as `tco2e profiles detect`).' }),
  policy: policyFlag(),
  factors: factorsFlag(),
};

export const replaceFlag = {
  replace: Flags.boolean({ description: 'Supersede stored imports this file overlaps (kept in the history).' }),
};

interface ImportFlagValues {
  config?: string | undefined;
  db?: string | undefined;
  org: string;
  profile?: string | undefined;
  'dry-run': boolean;
  strict: boolean;
  replace?: boolean;
  rejects?: string | undefined;
  explain?: boolean;
  policy?: FactorPolicy | undefined;
  factors?: string | undefined;
}

/**
 * Runs one import: `run` gets the ledger and the request; `extraLines` may add lines to the
 * summary a person reads.
 */
export async function runImport<S extends ImportSummary>(
  cmd: BaseCommand,
  file: string,
  flags: ImportFlagValues,
  run: (ledger: Ledger, req: ImportRequest) => Promise<S>,
  extraLines: (summary: S) => string[] = () => [],
): Promise<S> {
  // Everything the import needs from outside is checked before the ledger is opened, so that a
  // file that is not there, a rejects path that cannot be used or a bad factor file stops it
  // before it starts, never after a batch is stored.
  const workspace = findWorkspace(flags);
  checkInput(file, INPUT.import);
  const keep: ProtectedFile[] = [{ path: file, what: 'the file being imported' }, ...workspaceFiles(workspace)];
  if (flags.rejects !== undefined) checkRejectsTarget(flags.rejects, keep);
  const org = organisation(workspace, flags.org);
  const library = factorLibrary(flags.factors);
  const ledger = openLedger(workspace, { forWrite: true });
  const profiles = allProfiles(workspace.config.profiles, workspace.configPath);
  const explained = flags.explain === true ? await explainLayout(cmd, file, profiles, flags.profile) : undefined;
  const bar = progress(process.stderr, !cmd.jsonEnabled(), `Importing ${file}`);
  try {
    const summary = await run(ledger, {
      path: file,
      org,
      profiles,
      ...(flags.profile === undefined ? {} : { profileId: flags.profile }),
      library,
      policy: flags.policy ?? DEFAULT_POLICY,
      dryRun: flags['dry-run'],
      strict: flags.strict,
      replace: flags.replace ?? false,
      now: new Date(),
      toolVersion: cmd.config.version,
      onProgress: (n, bytes) => {
        bar.update(n, bytes);
      },
    });
    bar.done();
    if (flags.rejects !== undefined) await writeOutputFile(flags.rejects, rejectsCsv(summary), keep, '--rejects', { makeFolders: false });
    cmd.log([...(explained === undefined ? [] : [detectionText(explained), '']), renderImportSummary(summary), ...extraLines(summary)].join('\n'));
    if (summary.status.startsWith('refused')) process.exitCode = 1;
    return explained === undefined ? summary : { ...summary, explain: explained };
  } finally {
    bar.done();
    ledger.close();
  }
}

/** What `--explain` says: the layout as `profiles detect` finds it, for the command's kind (and the profile named, if one is). */
async function explainLayout(cmd: BaseCommand, file: string, profiles: readonly Profile[], named: string | undefined): Promise<LayoutDetection> {
  // The command's id (`import:energy`) names the kind of file it imports.
  const kind = cmd.id?.split(':')[1] as ImportKind;
  return detectLayout(file, named === undefined ? profiles : profiles.filter((p) => p.id === named), [kind]);
}

/** Refuses a `--rejects` path that cannot be written, saying that nothing was imported. */
function checkRejectsTarget(path: string, keep: readonly ProtectedFile[]): void {
  const clash = protectedTarget(path, keep);
  if (clash !== undefined) throw new UserError('output_would_overwrite', `${msg.rejectsProtected(path, clash.what)} ${msg.nothingImported}`, msg.outputProtectedHint('--rejects'));
  const problem = outputTargetProblem(path, keep, { flag: '--rejects' });
  if (problem !== undefined) throw new UserError(problem.code, `${problem.message} ${msg.nothingImported}`, problem.hint, problem.details);
}
