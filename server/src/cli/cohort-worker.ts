// A worker thread of `heron features --jobs N`: computes the cases it is sent, one at a time.
import { parentPort } from 'node:worker_threads';
import type { ExtractionSettings } from '@heron/models';
import { cohortCase } from './cohort-case';

export interface CaseRequest {
  index: number;
  row: Record<string, string>;
  cohortPath: string;
  settings: ExtractionSettings;
}

export type CaseReply =
  { index: number; id: string; label?: number; values: Map<string, number> } | { index: number; error: string };

const port = parentPort!;
port.on('message', async (request: CaseRequest) => {
  let reply: CaseReply;
  try {
    reply = { index: request.index, ...(await cohortCase(request.row, request.cohortPath, request.settings)) };
  } catch (err) {
    reply = { index: request.index, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
