import type { AnalysisResult } from '@heron/server/contract';
import { ResultCard } from './ResultCard';
import { s } from './styles';

export type Step = 'first' | 'second';

export interface StratifiedCardProps {
  /** The first step's result, with the second (or why it was not asked) in `stratified`. */
  result: AnalysisResult & { stratified: NonNullable<AnalysisResult['stratified']> };
  busy: boolean;
  onAccept: (step: Step) => void;
  onReject: (step: Step, reason: string) => void;
}

/**
 * The stratified HER2 reading as one card of two steps: each step's own result card (its question, model, version and
 * sign-off), the second either answered or "not asked" with the reason, since it applies only to HER2-negative tumours.
 */
export function StratifiedCard({ result, busy, onAccept, onReject }: StratifiedCardProps) {
  const { second, skipped } = result.stratified;
  return (
    <div data-testid="heron-stratified-card">
      <div style={s.sectionTitle}>Step 1 of 2: HER2-positive or HER2-negative</div>
      <div data-testid="heron-stratified-step1">
        <ResultCard
          result={result}
          busy={busy}
          onAccept={() => onAccept('first')}
          onReject={(reason) => onReject('first', reason)}
        />
      </div>
      <div style={s.sectionTitle}>Step 2 of 2: HER2-low or HER2-zero (only if HER2-negative)</div>
      <div data-testid="heron-stratified-step2">
        {second ? (
          <>
            <div style={s.muted}>
              Asked because step 1 called the tumour {result.predictedClass}; its error carries into this answer.
            </div>
            <ResultCard
              result={second}
              busy={busy}
              onAccept={() => onAccept('second')}
              onReject={(reason) => onReject('second', reason)}
            />
          </>
        ) : (
          <div style={s.modelFacts} data-testid="heron-stratified-not-asked">
            Not asked: {result.predictedClass}. {skipped}
          </div>
        )}
      </div>
    </div>
  );
}
