/** @jsxRuntime automatic */
// A survival package's answer on the result card: the risk group and risk score against the cut-off (and how the
// cut-off was chosen), and the disease-free survival probability at each time the package states. Every number is
// the server's; the card only formats them.
import type { SurvivalResult } from '@heron/server/contract';
import { formatProbability, formatRiskScore } from '../result-text';
import { rs } from './result-styles';
import { s } from './styles';

const CUTOFF_HOW: Record<SurvivalResult['cutoff']['method'], string> = {
  median: 'median split of the training cohort',
  optimal: 'optimal cut-off on the training cohort',
  stated: 'cut-off stated by the package',
};

const cell = { padding: '1px 8px 1px 0', fontSize: 12 } as const;

export function SurvivalSummary({ survival }: { survival: SurvivalResult }) {
  const { cutoff } = survival;
  return (
    <div data-testid="heron-survival">
      <div style={rs.probabilityRow}>
        <span style={rs.probability} data-testid="heron-risk-group">
          {survival.groupName}
        </span>
        <span style={rs.probabilityDetail}>
          risk score{' '}
          <span style={rs.predicted} data-testid="heron-risk-score">
            {formatRiskScore(survival.riskScore)}
          </span>
          <br />
          cut-off {formatRiskScore(cutoff.value)} ({CUTOFF_HOW[cutoff.method]})
        </span>
      </div>
      <div style={cutoff.method === 'optimal' ? s.warning : rs.probabilityDetail} data-testid="heron-cutoff-note">
        {cutoff.note}
      </div>
      <table data-testid="heron-survival-table" style={{ borderCollapse: 'collapse', margin: '6px 0' }}>
        <thead>
          <tr>
            <th style={{ ...cell, textAlign: 'left' }}>after</th>
            <th style={{ ...cell, textAlign: 'left' }}>disease-free survival</th>
          </tr>
        </thead>
        <tbody>
          {survival.survival.map((p) => (
            <tr key={p.time}>
              <td style={cell}>
                {p.time} {survival.timeUnit}
              </td>
              <td style={cell}>{formatProbability(p.probability)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div style={rs.probabilityDetail}>Event: {survival.event}.</div>
    </div>
  );
}
