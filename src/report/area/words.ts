/**
 * The area report's fixed sentences in one place: what the two measures are, what an edition
 * revises, how the UK line is formed. The sentences built from figures are in index.ts beside the
 * figures they state.
 */

/** The DESNZ statistics, as the page names them once in full. */
export const STATISTICS = 'the UK Government\'s "UK local authority and regional greenhouse gas emissions" statistics (DESNZ)';

export const TERRITORIAL_NAME = 'Territorial';
export const INFLUENCE_NAME = 'Within the scope of influence of local authorities';

/** Each measure in one sentence. */
export const TERRITORIAL_SENTENCE = 'Territorial emissions are all the greenhouse gases emitted within the area\'s boundary, as the UK\'s national inventory places them, whoever emits them.';
export const INFLUENCE_SENTENCE = 'Emissions within the scope of influence of local authorities are the territorial ones less those a council has little power over (DESNZ leaves out motorways, diesel railways and the large industrial sites in emissions trading, among others), so they are the part an area\'s own policies can move.';

export const REVISION_NOTE = 'Each edition of the statistics revises the whole series back to its first year, with new methods and new data reaching every year: a year\'s figure here can differ from the same year in a report made from an earlier edition, and figures from two editions are never set against each other as a change. Every figure in this report comes from the edition named for its authority.';

/** The UK line's name in the charts' legends and tables. */
export const UK_NAME = 'United Kingdom';

/** How the UK line is formed, under the charts that draw it. */
export const ukLineNote = (edition: string, authorities: number, year: number): string =>
  `${UK_NAME}: the statistics' UK total from the ${edition} edition, the sum of all ${String(authorities)} local authorities' figures (in ${String(year)}) and the rows no authority holds, divided by the sum of their residents; indexed on its own base-year total. It is formed year by year only where the edition holds every authority of the UK.`;

/** Why no UK line is drawn. */
export const ukMissingNote = (reason: string): string => `The UK's trajectory is not drawn: ${reason}.`;

export const AREA_NOT_COUNCIL = 'These are the emissions of the whole area, from homes, businesses, roads and land, not those of a council\'s own buildings, street lighting and fleet.';

export const PER_RESIDENT_NOTE = 'Per resident: the area\'s territorial emissions divided by the mid-year population the statistics give for the same year.';

export const PANELS_NOTE = 'Each panel has its own scale: compare the shape of each area\'s bars and lines, not their heights.';

export const KIND_WORDS: Readonly<Record<'authority' | 'county', string>> = { authority: 'local authority', county: 'county (its districts are never added to it)' };

export const ACTUAL_NAME = 'Emissions on the target\'s measure';
export const PATHWAY_NAME = 'The target\'s pathway';

export const TARGETS_SENTENCE = 'Area targets come from the workspace config (a "targets" entry with "area": the authority\'s code). Each is judged on the authority\'s calendar-year figures from the statistics, territorial or within the scope of influence as the target says, with the same pathway, status and trend as an organisation\'s target: the pathway runs straight from the baseline year to each milestone and on to the target year.';

export const noAreaTarget = (name: string): string => `${name}: no area target is set in the config.`;
