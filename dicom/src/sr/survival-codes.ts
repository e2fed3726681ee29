/**
 * Codes of a survival package's answer in Heron's report. PS3.16 has no concepts for a Cox risk score, its risk
 * group or a model's survival probability at a stated time, so they are private 99HER2AI codes (declared in every
 * report), as the classifier's question and SHAP codes are; units are UCUM.
 */
import { code, HERON_SCHEME } from '../core/codes';

const H = HERON_SCHEME.CodingSchemeDesignator;

export const SURVIVAL_CODES = {
  riskScore: code('DFSRISK', H, 'Disease-free survival risk score'),
  cutoff: code('DFSCUTOFF', H, 'Risk score cut-off for high risk'),
  riskGroup: code('DFSRISKGRP', H, 'Disease-free survival risk group'),
  low: code('DFSLOW', H, 'Low risk of recurrence or death'),
  high: code('DFSHIGH', H, 'High risk of recurrence or death'),
  survival: code('DFSPROB', H, 'Disease-free survival probability'),
  time: code('DFSTIME', H, 'Time after surgery'),
};

/** UCUM: an annotated dimensionless unit for the risk score (the log relative hazard), '1' for probabilities. */
export const RISK_SCORE_UNIT = code('{risk}/1', 'UCUM', 'risk score');
export const PROBABILITY_UNIT = code('1', 'UCUM', 'no units');

/** UCUM codes of the survival times (mo is the mean Julian month, a the Julian year). */
export const TIME_UNITS = {
  months: code('mo', 'UCUM', 'month'),
  years: code('a', 'UCUM', 'year'),
  days: code('d', 'UCUM', 'day'),
} as const;
export type SurvivalTimeUnit = keyof typeof TIME_UNITS;
