/** @jsxRuntime automatic */
// (The pragma lets the unit tests' tsx loader, which reads the root tsconfig without `jsx`, compile this file the way
// the extension's tsconfig does.)
import type { CSSProperties } from 'react';
import { STAGES, type Stage } from '@heron/server/contract';
import { rs } from './result-styles';

const STAGE_TEXT: Record<Stage, { label: string; title: string }> = {
  fetch: { label: 'Fetch', title: 'Fetch the series from the PACS' },
  map: { label: 'Map', title: 'Map the outline onto every sequence and derive the rims' },
  extract: { label: 'Extract', title: 'Extract the radiomic features' },
  predict: { label: 'Predict', title: 'Run the model' },
  explain: { label: 'Explain', title: 'Compute the SHAP contributions' },
  store: { label: 'Store', title: 'Store the SEG and SR in the study' },
};

export interface ProgressBarProps {
  /** The running stage; none while the analysis waits in the queue or once it has finished. */
  stage?: Stage;
  /** 0..1 over the whole analysis. */
  fraction: number;
  message: string;
}

type StageStatus = 'done' | 'current' | 'pending';

function stageStatus(index: number, stage: Stage | undefined, fraction: number): StageStatus {
  if (!stage) return fraction >= 1 ? 'done' : 'pending';
  const current = STAGES.indexOf(stage);
  return index < current ? 'done' : index === current ? 'current' : 'pending';
}

const STATUS_STYLE: Record<StageStatus, CSSProperties> = {
  done: { ...rs.stage, ...rs.stageDone },
  current: { ...rs.stage, ...rs.stageCurrent },
  pending: rs.stage,
};

/** The stages of a running analysis, the current one highlighted, with the overall progress and the server's message. */
export function ProgressBar({ stage, fraction, message }: ProgressBarProps) {
  const percent = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  return (
    <div style={rs.progress} data-testid="heron-progress">
      <div style={rs.stages}>
        {STAGES.map((name, i) => {
          const status = stageStatus(i, stage, fraction);
          return (
            <span
              key={name}
              style={STATUS_STYLE[status]}
              title={STAGE_TEXT[name].title}
              data-stage={name}
              data-status={status}
              aria-current={status === 'current' ? 'step' : undefined}
            >
              {STAGE_TEXT[name].label}
            </span>
          );
        })}
      </div>
      <div
        style={rs.track}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={message}
      >
        <div style={{ ...rs.trackFill, width: `${percent}%` }} />
      </div>
      <div style={rs.progressMessage}>{message}</div>
    </div>
  );
}
