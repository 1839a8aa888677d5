import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { importArgs, importFlags, runImport } from '../../cli/import-command.js';
import { importJourneys, type JourneysSummary } from '../../import/import-journeys.js';
import { formatNumber } from '../../kernel/format.js';
import { describeCounts, RESPONDENTS, type Respondents } from '../../map/visitor-survey.js';

export default class ImportJourneys extends BaseCommand {
  static override summary = 'Import journeys (a staff or a patient and visitor travel survey, or business journeys and mileage claims) into the ledger.';
  static override description = 'A travel survey is stored response by response under a wave label (--wave, the profile\'s, or the month its responses were given), its mode answers normalised and a survey tool\'s extra header rows set aside; emissions are worked out from the responses later. A patient and visitor survey (a respondent-type column answered patient, visitor or carer, and no days a week on site) is stored with each respondent\'s type and the one-way journeys their visit meant (2, there and back, when it does not ask); --respondents settles a file that could be either. Business journeys and grey-fleet mileage claims are converted now, as Scope 3 business travel; a claim that gives only money is turned into miles at the profile\'s mileage rate and flagged. The file lands whole or not at all, and importing the same file again changes nothing.';
  static override examples = [
    '<%= config.bin %> import journeys staff-travel-survey-2024.csv --org north-acute --wave "2024 autumn"',
    '<%= config.bin %> import journeys patient-visitor-survey-2023.csv --org north-acute --wave "2023 autumn"',
    '<%= config.bin %> import journeys visitors.csv --org north-acute --wave "2023 autumn" --respondents patients-visitors',
    '<%= config.bin %> import journeys expenses-q1.csv --org north-acute --rejects rejects.csv',
    '<%= config.bin %> import journeys mileage.csv --org north-acute --profile business-travel --dry-run --json',
  ];

  static override args = importArgs;
  static override flags = {
    ...importFlags,
    wave: Flags.string({ description: 'Survey wave label stored with every response, e.g. "2024 autumn"; without it (or the profile\'s), the month the first response was given, from the form tool\'s date column, said in a warning.' }),
    respondents: Flags.string({ options: [...RESPONDENTS], description: 'Whose travel a survey is, when its columns cannot tell: staff (days a week on site, staff group) or patients-visitors (patient, visitor or carer).' }),
  };

  async run(): Promise<JourneysSummary> {
    const { args, flags } = await this.parse(ImportJourneys);
    return runImport(
      this,
      args.file,
      flags,
      (ledger, req) => importJourneys(ledger, {
        ...req,
        ...(flags.wave === undefined ? {} : { wave: flags.wave }),
        // oclif has checked the value against `options`.
        ...(flags.respondents === undefined ? {} : { respondents: flags.respondents as Respondents }),
      }),
      (summary) => {
        if (summary.wave === null || summary.status === 'already-imported') return [];
        const done = `${formatNumber(summary.surveyResponses)} ${summary.status === 'stored' ? 'stored' : 'read'}, wave "${summary.wave}"`;
        if (summary.respondentTypes !== null) {
          return [`Read as a patient and visitor travel survey. Responses: ${done}: ${describeCounts(summary.respondentTypes)} (no emissions yet: patient and visitor travel is worked out from the responses when it is asked for)`];
        }
        return [`Survey responses: ${done} (no emissions yet: commuting is worked out from the responses when it is asked for; \`tco2e travel --org ${flags.org}\` shows it)`];
      },
    );
  }
}
