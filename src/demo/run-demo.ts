/**
 * `npm run demo`: the sample dataset loaded into a fresh workspace, then a board report for each
 * organisation and a comparison report written beside it, with a one-screen summary.
 */

import { join } from 'node:path';
import { aggregate } from '../aggregate/group.js';
import { footprint, memberIds, type AnalysisContext } from '../aggregate/footprint.js';
import type { FactorLibrary } from '../factors/library.js';
import { progressFromLedger } from '../targets/from-ledger.js';
import { targetVerdict } from '../targets/verdict.js';
import type { Status } from '../targets/types.js';
import { boardReport } from '../report/board/index.js';
import { compareHtml } from '../report/compare/index.js';
import { workspaceFiles, writeOutputFile } from '../render/output-file.js';
import { Ledger } from '../store/ledger.js';

/** The sample dataset runs to March 2026; its reports cover the last complete financial year. */
export const DEMO_PERIOD = '2025/26';
import { loadSampleWorkspace, type LoadedImport, type LoadOptions } from './load.js';

export interface DemoOrgSummary {
  readonly org: string;
  readonly name: string;
  /** Latest complete-looking financial year and its total, and the year before. */
  readonly years: readonly { readonly year: string; readonly tco2e: number }[];
  readonly targets: readonly { readonly id: string; readonly name: string; readonly status: Status | null; readonly year: string | null; readonly verdict: string }[];
}

export interface DemoResult {
  readonly workspaceDir: string;
  readonly imports: readonly LoadedImport[];
  readonly orgs: readonly DemoOrgSummary[];
  readonly reports: readonly string[];
}

export interface DemoOptions extends Omit<LoadOptions, 'workspaceDir'> {
  readonly outDir: string;
  readonly library: FactorLibrary;
}

export async function runDemo(o: DemoOptions): Promise<DemoResult> {
  const workspaceDir = join(o.outDir, 'demo-workspace');
  const loaded = await loadSampleWorkspace({ ...o, workspaceDir });
  const ledger = Ledger.open(loaded.workspace.ledgerPath);
  try {
    const ctx: AnalysisContext = { ledger, library: o.library, config: loaded.workspace.config, reads: new Map() };
    const orgs = ctx.config.organisations.map((org): DemoOrgSummary => {
      const fp = footprint(ctx, { orgs: memberIds(ctx.config, org.id), grain: 'summed' });
      const byYear = aggregate(fp.lines, { groupBy: ['period'] }).groups.map((g) => ({ year: g.key.period ?? '', tco2e: g.kgCo2e / 1000 }));
      const progress = progressFromLedger(ctx, { org: org.id, footprint: fp });
      return {
        org: org.id,
        name: org.name,
        years: byYear.slice(-2),
        // The verdict as a board reads it: final (met, missed) once the target year has passed.
        targets: progress.targets.map((t) => ({ id: t.progress.target.id, name: t.progress.target.name, status: t.progress.headline?.status ?? null, year: t.progress.headline?.label ?? null, verdict: targetVerdict(t.progress).words })),
      };
    });
    // The period reported: the latest financial year every organisation has complete.
    const period = DEMO_PERIOD;
    const reports: string[] = [];
    for (const org of ctx.config.organisations) {
      const r = await boardReport(ctx, { org: org.id, period, now: o.now, toolVersion: o.toolVersion });
      const file = join(o.outDir, `board-${org.id}-${period.replace('/', '-')}.html`);
      await writeOutputFile(file, r.html, workspaceFiles(loaded.workspace));
      reports.push(file);
    }
    const members = ctx.config.organisations.filter((x) => x.members.length === 0).map((x) => x.id);
    const ics = ctx.config.organisations.filter((x) => x.members.length > 0).map((x) => x.id);
    const compare = await compareHtml(ctx, { orgs: [...members, ...ics], period, now: o.now, toolVersion: o.toolVersion });
    const compareFile = join(o.outDir, 'compare.html');
    await writeOutputFile(compareFile, compare.html, workspaceFiles(loaded.workspace));
    reports.push(compareFile);
    return { workspaceDir, imports: loaded.imports, orgs, reports };
  } finally {
    ledger.close();
  }
}
