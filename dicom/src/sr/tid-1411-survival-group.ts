/**
 * The survival package's answer as a TID 1411 group: the risk score, the cut-off and the risk group, the survival
 * probability at each stated time (the time as a NUM property of it, in UCUM), the SHAP base and one SHAP value per
 * input. The parameters carry what reading the report back needs: the inputs in order, the groups, the time unit.
 */
import { PROBABILITY_UNIT, RISK_SCORE_UNIT, SURVIVAL_CODES, TIME_UNITS } from './survival-codes';
import type { SurvivalGroupInput } from './survival-input';
import { SR } from './sr-codes';
import { codeItem, container, type ContainerItem, type NumItem, numItem, textItem } from './sr-content';
import { type GroupContext, roiHeader, shapItem } from './tid-1411-volumetric-roi';
import { tid4019AlgorithmIdentification } from './tid-4019-algorithm-identification';

function survivalAt(time: number, probability: number, unit: SurvivalGroupInput['timeUnit']): NumItem {
  const at: NumItem = { ...numItem(SURVIVAL_CODES.time, time, TIME_UNITS[unit]), RelationshipType: 'HAS PROPERTIES' };
  return numItem(SURVIVAL_CODES.survival, probability, PROBABILITY_UNIT, [at]);
}

export function validateSurvivalGroup(s: SurvivalGroupInput): void {
  if (!/^[0-9a-f]{64}$/.test(s.modelSha256)) throw new Error('survival.modelSha256 must be 64 lower-case hex digits');
  if (s.survival.length === 0) throw new Error('survival.survival must state at least one time');
  for (const p of s.survival)
    if (!(p.probability >= 0 && p.probability <= 1) || !(p.time > 0))
      throw new Error(
        `survival probability ${p.probability} at time ${p.time} is not a probability at a positive time`,
      );
  if (s.shap.length === 0) throw new Error('survival.shap must list one value per model input');
  const sum = s.shap.reduce((a, x) => a + x.value, s.shapBaseValue);
  if (Math.abs(sum - s.modelOutput) > 1e-6 * Math.max(1, Math.abs(s.modelOutput)))
    throw new Error(
      `SHAP values do not add up: base ${s.shapBaseValue} + sum of SHAP = ${sum}, risk score ${s.modelOutput}`,
    );
}

export function tid1411SurvivalGroup(s: SurvivalGroupInput, context: GroupContext): ContainerItem {
  return container(
    'CONTAINS',
    SR.measurementGroup,
    [
      ...roiHeader('Tumour DFS risk', s.segmentNumber, s.sourceSeriesInstanceUID, context),
      ...tid4019AlgorithmIdentification(s.algorithmName, s.algorithmVersion, [
        `sha256:${s.modelSha256}`,
        `cutoffRule=${s.cutoffRule}`,
        `event=${s.event}`,
        `timeUnit=${s.timeUnit}`,
        `groups=${JSON.stringify(s.groupNames)}`,
        'shapSpace=risk-score',
        `modelOutput=${s.modelOutput}`,
        `inputs=${JSON.stringify(s.shap.map((x) => x.input))}`,
      ]),
      textItem('CONTAINS', SR.question, s.question),
      numItem(SURVIVAL_CODES.riskScore, s.riskScore, RISK_SCORE_UNIT),
      numItem(SURVIVAL_CODES.cutoff, s.cutoff, RISK_SCORE_UNIT),
      codeItem('CONTAINS', SURVIVAL_CODES.riskGroup, s.group === 'high' ? SURVIVAL_CODES.high : SURVIVAL_CODES.low),
      ...s.survival.map((p) => survivalAt(p.time, p.probability, s.timeUnit)),
      numItem(SR.shapBase, s.shapBaseValue, PROBABILITY_UNIT),
      ...s.shap.map((x) => shapItem(x.input, x.value)),
    ],
    '1411',
  );
}
