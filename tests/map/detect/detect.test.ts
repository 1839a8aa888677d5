import { describe, expect, it } from 'vitest';
import { headerText } from '../../../src/map/detect/header-words.js';
import { matchColumns, scoreHeader } from '../../../src/map/detect/score.js';
import { unitInHeader } from '../../../src/map/detect/units-in-header.js';
import { VOCABULARY } from '../../../src/map/detect/vocabulary.js';
import { loadBuiltinProfiles, profilesFitting } from '../../../src/map/profiles.js';

const profiles = loadBuiltinProfiles();

describe('header words', () => {
  it('reads headers as words, whatever their spelling', () => {
    expect(headerText('Meter No.')).toBe('meter number');
    expect(headerText('Reg Nr')).toBe('reg number');
    expect(headerText('Gas & Electricity:')).toBe('gas and electricity');
    expect(headerText('Q3. How do you usually\ntravel to work?')).toBe('how do you usually travel to work');
    expect(headerText('3) Days on site')).toBe('days on site');
    // Jisc Online Surveys numbers sub-questions: the numbering goes, a figure in the text stays.
    expect(headerText('3.a. How far do you travel?')).toBe('how far do you travel');
    expect(headerText('12.1. Main mode')).toBe('main mode');
    expect(headerText('1.5 miles or more')).toBe('1 5 miles or more');
    expect(headerText('\uFEFFConsumption (kWh)')).toBe('consumption kwh');
    // A bare period number stays a number.
    expect(headerText('12')).toBe('12');
  });

  it('reads the unit a header states, and what it multiplies by', () => {
    expect(unitInHeader('Consumption (Wh)')).toMatchObject({ kind: 'energy', unit: 'Wh', toBase: 0.001 });
    expect(unitInHeader('Usage MWh')).toMatchObject({ unit: 'MWh', toBase: 1000 });
    expect(unitInHeader('Demand (kW)')).toMatchObject({ kind: 'power', toBase: 0.5 });
    expect(unitInHeader('Quantity (Ltrs)')).toMatchObject({ kind: 'volume', unit: 'litres' });
    expect(unitInHeader('Volume (L)')).toMatchObject({ kind: 'volume', unit: 'litres' });
    expect(unitInHeader('Net £')).toMatchObject({ kind: 'money' });
    expect(unitInHeader('Distance (miles)')).toMatchObject({ kind: 'distance', unit: 'miles' });
    expect(unitInHeader('Trip km')).toMatchObject({ kind: 'distance', unit: 'km' });
    expect(unitInHeader('Level')).toBeUndefined();
    expect(unitInHeader('kWh per litre')).toBeUndefined();
  });
});

describe('columns by meaning', () => {
  it('scores a header for a concept by its words, and a unit of another kind rules it out', () => {
    expect(scoreHeader('Meter Serial Number', VOCABULARY.meter!).score).toBeGreaterThanOrEqual(0.9);
    expect(scoreHeader('Meter Reading', VOCABULARY.meter!).score).toBeLessThan(0.6);
    expect(scoreHeader('Meter (kWh)', VOCABULARY.meter!).score).toBe(0);
    expect(scoreHeader('Quantity (Ltrs)', VOCABULARY.quantity!).score).toBeGreaterThan(1);
    expect(scoreHeader('Unit Price (£)', VOCABULARY.quantity!).score).toBeLessThan(0.6);
  });

  it('keeps the spellings first and finds the rest by meaning, one column per field', () => {
    const m = matchColumns(['Site Name', 'Meter No.', 'Reading Date Time', 'Consumption (Wh)'], { site: ['Site'], meter: ['MPAN'], timestamp: ['Timestamp'], quantity: ['kWh'] });
    expect(m.get('site')).toEqual({ index: 0, found: { by: 'words', score: 1, words: ['site name'] } });
    expect(m.get('meter')?.index).toBe(1);
    expect(m.get('timestamp')?.index).toBe(2);
    expect(m.get('quantity')).toMatchObject({ index: 3, found: { by: 'words', unit: { unit: 'Wh' } } });
    expect(matchColumns(['MPAN', 'Meter ID'], { meter: ['Meter ID'] }).get('meter')).toEqual({ index: 1, found: { by: 'spelling', spelling: 'Meter ID' } });
  });

  it('lets the values decide between two columns the header leaves open', () => {
    const header = ['Meter Ref', 'Meter Serial'];
    const sample = [['Main switchroom', '1200001234567'], ['Boiler house', '1200001234568']];
    expect(matchColumns(header, { meter: ['MPAN'] }).get('meter')?.index).toBe(0);
    expect(matchColumns(header, { meter: ['MPAN'] }, sample).get('meter')).toMatchObject({ index: 1, found: { words: ['meter serial', 'its values'] } });
  });
});

describe('layouts by meaning', () => {
  const fitting = (kind: 'energy' | 'fleet' | 'journeys', header: string[]): string[] => profilesFitting(profiles, kind, header).map((p) => p.id);

  it('an AMR export named otherwise than the built-in lists fits the interval layout', () => {
    expect(fitting('energy', ['Meter Number', 'Reading Date Time', 'Consumption (Wh)'])).toEqual(['interval']);
    expect(fitting('energy', ['MPAN', 'Date', 'Time', 'kWh', 'Status'])).toEqual(['interval']);
  });

  it('half-hour columns numbered 1…48 and a consumption date fit the numbered layout', () => {
    const header = ['Site Ref', 'Consumption Date', ...Array.from({ length: 48 }, (_, i) => String(i + 1))];
    expect(fitting('energy', header)).toEqual(['half-hourly-numbered']);
  });

  it('a fuel-card export whose quantity carries its unit fits the fuel-card layout, and not mileage', () => {
    expect(fitting('fleet', ['Trans Date', 'Vehicle Reg No.', 'Fuel Grade', 'Quantity (Ltrs)', 'Net £', 'Mileage'])).toEqual(['fuel-card']);
  });

  it('a survey with numbered, reworded questions and a form tool\'s timestamp fits the survey layout', () => {
    const header = ['Timestamp', 'Q1. Where is your usual place of work?', 'Q2. How do you get to work most days?', 'Q3) How far is it from home to work (miles)?', 'Q4. How many days a week are you on site?'];
    expect(fitting('journeys', header)).toEqual(['travel-survey']);
  });

  it('mileage in km fits only the km layout when read by meaning', () => {
    expect(fitting('fleet', ['Vehicle Reg', 'Trip Date', 'Km travelled'])).toEqual(['fleet-mileage-km']);
  });
});
