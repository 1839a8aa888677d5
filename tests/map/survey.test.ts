import { describe, expect, it } from 'vitest';
import { parseShareOfWeek } from '../../src/map/answers.js';
import type { CellContext } from '../../src/map/cells.js';
import { explainColumns } from '../../src/map/columns.js';
import { loadBuiltinProfiles } from '../../src/map/profiles.js';
import { monthLabel, responseDateColumn, responseMonths } from '../../src/map/response-dates.js';
import { extraHeaderRow } from '../../src/map/survey-header-rows.js';
import { surveyColumns, surveyMapper } from '../../src/map/survey.js';
import { createDateParser } from '../../src/read/values/date.js';

const survey = loadBuiltinProfiles().find((p) => p.id === 'travel-survey');
if (survey?.shape !== 'survey') throw new Error('the built-in travel-survey profile is missing');
const org = { sites: [{ id: 'main', name: 'Main Hospital' }] };

function ctx(header: readonly string[]): CellContext {
  return { file: 'survey.csv', header, delimiter: ',', decimal: '.', parseDate: createDateParser() };
}

/** Which column each field was taken from, by header. */
function placed(header: readonly string[]): Record<string, string> {
  return Object.fromEntries([...explainColumns(header, survey!.columns)].map(([field, m]) => [field, header[m.index]!]));
}

describe('survey questions as each tool and organisation heads them', () => {
  it('numbered, reworded and cut-short questions are found by meaning; a form tool\'s own columns are not answers', () => {
    const header = [
      'ID', 'Start time', 'Completion time', 'Email', 'Name',
      'Q1. What is your main work base?',
      '2) How do you normally get to work? (the mode you use for the longest pa',
      '3. How many miles is your commute,\none way?:',
      'Q4: How many days per week do you usually commute to s',
      '5) If you car share, how many people travel in the car, including you?',
    ];
    expect(placed(header)).toEqual({
      respondent: 'ID',
      site: 'Q1. What is your main work base?',
      mainMode: '2) How do you normally get to work? (the mode you use for the longest pa',
      distance: '3. How many miles is your commute,\none way?:',
      daysPerWeek: 'Q4: How many days per week do you usually commute to s',
      occupants: '5) If you car share, how many people travel in the car, including you?',
    });
  });

  it('a survey tool\'s respondent location is not the place of work', () => {
    const header = ['Location Latitude', 'Location Longitude', 'IP Address', 'Which site are you based at?', 'Main mode', 'Distance (miles)', 'Days per week'];
    expect(placed(header).site).toBe('Which site are you based at?');
  });
});

describe('rows under the header that are more header', () => {
  const header = ['Respondent ID', 'Start Date', 'Which hospital site is your main base?', 'What is your main mode of transport to work?', 'About how many miles is your journey to work (one way)?', 'How many days a week do you normally come in to work?'];
  const used = [0, 2, 3, 4, 5];

  it('Qualtrics\' import ids fill every cell', () => {
    const row = header.map((_, i) => `{"ImportId":"QID${i}"}`);
    expect(extraHeaderRow(row, header, used, false)).toBe('import_ids');
  });

  it('SurveyMonkey names the kind of answer under each question; a repeated header is one too', () => {
    expect(extraHeaderRow(['', '', 'Response', 'Response', 'Open-Ended Response', 'Response'], header, used, false)).toBe('answer_labels');
    expect(extraHeaderRow(['Respondent ID', 'Start Date', 'Response', 'Response', 'Response', 'Response'], header, used, false)).toBe('answer_labels');
  });

  it('a row with an answer, or with text the tools do not write, is a response', () => {
    expect(extraHeaderRow(['1', '', 'Main Hospital', 'Bus', '4', '5'], header, used, true)).toBeUndefined();
    expect(extraHeaderRow(['1', '', 'Response', 'Response', 'far', 'Response'], header, used, false)).toBeUndefined();
    expect(extraHeaderRow(['', '', '', '', '', ''], header, used, false)).toBeUndefined();
  });

  it('the mapper counts them as not responses only before the first response', () => {
    const mapper = surveyMapper(survey, ctx(header), org);
    const labels = ['', '', 'Response', 'Response', 'Open-Ended Response', 'Response'];
    expect(mapper.map(2, labels).notAResponse?.code).toBe('header_row');
    expect(mapper.map(3, ['7', '03/10/2025', 'Main Hospital', 'Bus', '4', '5']).response?.mainMode).toBe('bus');
    const later = mapper.map(4, labels);
    expect(later.notAResponse).toBeUndefined();
    expect(later.problems.map((p) => p.code)).toContain('unknown_mode');
  });
});

describe('the month a survey ran, from the dates beside its responses', () => {
  it('finds the column that dates each response, the moment it was sent first', () => {
    expect(responseDateColumn(['ID', 'Start time', 'Completion time', 'Email'])).toBe(2);
    expect(responseDateColumn(['Timestamp', 'Email address'])).toBe(0);
    expect(responseDateColumn(['Respondent ID', 'Main mode'])).toBeUndefined();
  });

  it('settles day or month first by the column as a whole', () => {
    expect(responseMonths(['10/03/2025', '13/03/2025'])).toEqual({ kind: 'dated', first: { year: 2025, month: 3 }, last: { year: 2025, month: 3 }, dates: 2 });
    expect(responseMonths(['3/10/25', '3/13/25', '4/2/25'])).toMatchObject({ kind: 'dated', first: { year: 2025, month: 3 }, last: { year: 2025, month: 4 } });
    expect(responseMonths(['2025-03-10', '2025-02-28'])).toMatchObject({ kind: 'dated', first: { year: 2025, month: 2 } });
    expect(responseMonths(['10 Mar 2025', 'March 12, 2025'])).toMatchObject({ kind: 'dated', first: { year: 2025, month: 3 } });
    // The same date either way is no ambiguity.
    expect(responseMonths(['05/05/2024'])).toMatchObject({ kind: 'dated', first: { year: 2024, month: 5 } });
  });

  it('names both readings when both fit and give different months, and none when the dates contradict', () => {
    expect(responseMonths(['10/09/2024', '11/09/2024'])).toEqual({ kind: 'two_readings', dayFirst: { year: 2024, month: 9 }, monthFirst: { year: 2024, month: 10 } });
    expect(responseMonths(['13/03/2025', '03/13/2025']).kind).toBe('none');
    expect(responseMonths(['', 'Response']).kind).toBe('none');
  });

  it('labels a wave as people write a month', () => {
    expect(monthLabel({ year: 2025, month: 3 })).toBe('March 2025');
  });
});

describe('answers read by meaning', () => {
  it('a share of the week is a percentage, and nothing else', () => {
    expect(parseShareOfWeek('60%')).toBe(60);
    expect(parseShareOfWeek('about 40 %')).toBe(40);
    expect(parseShareOfWeek('80 percent of my working week')).toBe(80);
    expect(parseShareOfWeek('3 days')).toBeUndefined();
    expect(parseShareOfWeek('120%')).toBeUndefined();
  });

  it('days answered as a share of the week are a share of five working days, kept as answered', () => {
    const header = ['Main mode', 'Distance (miles)', 'Days per week'];
    const r = surveyMapper(survey, ctx(header), org).map(2, ['Bus', '5', '60%']).response;
    expect(r?.daysPerWeek).toBe(3);
    expect(JSON.parse(r?.extraJson ?? '{}')).toMatchObject({ daysAnswer: '60%', daysReading: 'share_of_week' });
  });

  it('two columns whose headers read alike are told apart by their answers, or both named', () => {
    const header = ['Respondent', 'How do you travel to work in summer?', 'How do you travel to work in winter?', 'Distance (miles)', 'Days per week'];
    const modesInOne = [['1', 'Bicycle', 'often', '3', '5'], ['2', 'Walk', 'never', '1', '5']];
    expect(surveyColumns(header, survey, modesInOne, '.')).toMatchObject({ ok: true, col: { mainMode: 1 } });
    const modesInBoth = [['1', 'Bicycle', 'Bus', '3', '5'], ['2', 'Walk', 'Car (on my own)', '1', '5']];
    expect(surveyColumns(header, survey, modesInBoth, '.')).toEqual({
      ok: false, field: 'mainMode', what: 'the main mode of travel', headers: ['How do you travel to work in summer?', 'How do you travel to work in winter?'],
    });
    const modesInTheOther = [['1', 'often', 'Bus', '3', '5']];
    expect(surveyColumns(header, survey, modesInTheOther, '.')).toMatchObject({ ok: true, col: { mainMode: 2 } });
  });
});
